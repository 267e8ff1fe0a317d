import { readFileSync } from 'node:fs';
import FabricCAServices from 'fabric-ca-client';
import { User } from 'fabric-common';
import type { HospitalProfile } from '../config/gateway-config.js';
import { ApiError } from '../http/api-error.js';
import { ConcurrencyLimit } from '../shared/concurrency-limit.js';
import type { Role } from '../http/route.js';

/** The CA has an identity of that name already (an ID used before this database). */
export class IdentityTakenError extends Error {
  override name = 'IdentityTakenError';
  constructor(readonly patrecId: string) {
    super(`${patrecId} is registered at the CA already`);
  }
}

/** An X.509 identity as Fabric wallets hold it. */
export interface EnrolledIdentity {
  mspId: string;
  certificate: string;
  privateKey: string;
}

/**
 * A hospital's CA as the gateway uses it: registers a person with `role` and `patrecId`
 * attributes written into their enrolment certificate, then enrols them. The chaincode
 * reads who someone is from those attributes only.
 */
export class HospitalCa {
  readonly #ca: FabricCAServices;
  readonly #registrar: User;
  /**
   * Enrolments at once: the CA signs each one, and dozens together made it time out (sign-ups
   * answered 503 under 32 concurrent sign-ups); the rest wait their turn instead.
   */
  readonly #enrolments = new ConcurrencyLimit(4);

  constructor(readonly hospital: HospitalProfile) {
    this.#ca = new FabricCAServices(
      hospital.ca.url,
      { trustedRoots: [readFileSync(hospital.ca.rootCertFile, 'utf8')], verify: true },
      hospital.ca.caName,
    );
    this.#registrar = User.createUser(
      'admin',
      '',
      hospital.mspId,
      readFileSync(hospital.ca.registrar.certFile, 'utf8'),
      readFileSync(hospital.ca.registrar.keyFile, 'utf8'),
    );
  }

  /**
   * Registers and enrols the person. Throws IdentityTakenError when the CA knows the ID
   * already, and ApiError UNAVAILABLE when the CA cannot be reached.
   */
  async enroll(patrecId: string, role: Role): Promise<EnrolledIdentity> {
    try {
      return await this.#enrolments.run(() => this.#registerAndEnroll(patrecId, role));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Two sign-ups racing for one ID: the CA refuses the second, which then takes the next.
      if (/already registered|UNIQUE constraint failed: users\.id/i.test(message)) {
        throw new IdentityTakenError(patrecId);
      }
      if (
        /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|socket hang up|Calling (register|enroll) endpoint failed/i.test(
          message,
        )
      ) {
        throw new ApiError(
          'UNAVAILABLE',
          `the ${this.hospital.name} CA is not reachable`,
          undefined,
          10,
        );
      }
      throw error;
    }
  }

  async #registerAndEnroll(patrecId: string, role: Role): Promise<EnrolledIdentity> {
    const secret = await this.#ca.register(
      {
        enrollmentID: patrecId,
        role: 'client',
        affiliation: '',
        maxEnrollments: 1,
        attrs: [
          { name: 'role', value: role, ecert: true },
          { name: 'patrecId', value: patrecId, ecert: true },
        ],
      },
      this.#registrar,
    );
    const enrollment = await this.#ca.enroll({ enrollmentID: patrecId, enrollmentSecret: secret });
    return {
      mspId: this.hospital.mspId,
      certificate: enrollment.certificate,
      privateKey: enrollment.key.toBytes(),
    };
  }
}
