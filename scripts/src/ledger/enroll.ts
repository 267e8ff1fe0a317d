import { readFileSync } from 'node:fs';
import path from 'node:path';
import FabricCAServices from 'fabric-ca-client';
import { User } from 'fabric-common';
import type { OrgConfig } from '../config/network-config.js';
import { caRootCert, caUrl } from '../fabric/ca.js';
import { paths } from '../runtime/paths.js';

/** A PatRec person as the CA enrols them: the role and PatRec ID go into the certificate. */
export interface PersonRequest {
  enrollmentId: string;
  role: 'patient' | 'doctor' | 'admin' | 'auditor';
  patrecId: string;
}

export interface EnrolledIdentity {
  mspId: string;
  certificate: string;
  privateKey: string;
}

/**
 * Registers a person at their hospital's CA with `role` and `patrecId` attributes that the
 * CA writes into the enrolment certificate (`ecert`), then enrols them. The CA's registrar
 * (enrolled by `npm start`) signs the registration.
 */
export async function enrollPerson(
  org: OrgConfig,
  person: PersonRequest,
): Promise<EnrolledIdentity> {
  const ca = new FabricCAServices(
    caUrl(org.ca),
    { trustedRoots: [readFileSync(caRootCert(org), 'utf8')], verify: true },
    org.ca.caName,
  );
  const registrarMsp = path.join(paths.caRegistrar(org.key), 'msp');
  const registrar = User.createUser(
    'admin',
    '',
    org.mspId,
    readFileSync(path.join(registrarMsp, 'signcerts', 'cert.pem'), 'utf8'),
    readFileSync(path.join(registrarMsp, 'keystore', 'key.pem'), 'utf8'),
  );
  const secret = await ca.register(
    {
      enrollmentID: person.enrollmentId,
      role: 'client',
      affiliation: '',
      maxEnrollments: -1,
      attrs: [
        { name: 'role', value: person.role, ecert: true },
        { name: 'patrecId', value: person.patrecId, ecert: true },
      ],
    },
    registrar,
  );
  const enrollment = await ca.enroll({
    enrollmentID: person.enrollmentId,
    enrollmentSecret: secret,
  });
  return {
    mspId: org.mspId,
    certificate: enrollment.certificate,
    privateKey: enrollment.key.toBytes(),
  };
}
