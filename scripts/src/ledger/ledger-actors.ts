import { randomInt } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import type { HospitalConfig, NetworkConfig } from '../config/network-config.js';
import { gatewayFor, peerConnection } from './connect.js';
import { enrollPerson, type EnrolledIdentity, type PersonRequest } from './enroll.js';

const decoder = new TextDecoder();

/** A person enrolled at a real hospital CA, calling the chaincode with a bare Gateway client. */
export interface Actor {
  id: string;
  identity: EnrolledIdentity;
  submit(transaction: string, ...args: string[]): Promise<string>;
  evaluate(transaction: string, ...args: string[]): Promise<string>;
  /** The chaincode's refusal of a submit, as "CODE: message" (fails if it was accepted). */
  refusal(transaction: string, ...args: string[]): Promise<string>;
  /** A query of the peer's ledger system chaincode (blocks, chain info). */
  qscc(transaction: string, ...args: string[]): Promise<Uint8Array>;
}

/**
 * Enrols people for ledger-level tests and closes their connections afterwards. IDs are
 * random so repeated runs on the same ledger never collide.
 */
export class LedgerActors {
  readonly #connections: grpc.Client[] = [];
  readonly #gateways: Gateway[] = [];

  constructor(readonly config: NetworkConfig) {}

  async enroll(org: HospitalConfig, role: PersonRequest['role']): Promise<Actor> {
    const prefix = { patient: 'PAT', doctor: 'DOC', admin: 'ADM', auditor: 'AUD' }[role];
    const id = `${prefix}${randomInt(1e8, 1e11)}`;
    const identity = await enrollPerson(org, { role, patrecId: id });
    const client = peerConnection(this.config, org);
    const gateway = gatewayFor(client, identity);
    this.#connections.push(client);
    this.#gateways.push(gateway);
    const network = gateway.getNetwork(this.config.channel);
    return actor(
      id,
      identity,
      network.getContract(this.config.chaincode),
      network.getContract('qscc'),
    );
  }

  close() {
    this.#gateways.forEach((g) => g.close());
    this.#connections.forEach((c) => c.close());
  }
}

function actor(id: string, identity: EnrolledIdentity, contract: Contract, qscc: Contract): Actor {
  const submit = async (transaction: string, ...args: string[]) =>
    decoder.decode(await contract.submitTransaction(transaction, ...args));
  return {
    id,
    identity,
    submit,
    evaluate: async (transaction, ...args) =>
      decoder.decode(await contract.evaluateTransaction(transaction, ...args)),
    refusal: async (transaction, ...args) => {
      try {
        await submit(transaction, ...args);
      } catch (error) {
        return chaincodeMessage(error);
      }
      throw new Error(`${transaction} was accepted, but should have been refused`);
    },
    qscc: (transaction, ...args) => qscc.evaluateTransaction(transaction, ...args),
  };
}

/** The chaincode's own words out of a Fabric Gateway error (`CODE: message`). */
export function chaincodeMessage(error: unknown): string {
  const details = (error as { details?: { message: string }[] }).details ?? [];
  const texts = [String((error as Error).message), ...details.map((d) => d.message)];
  for (const text of texts) {
    const match = /\b((?:FORBIDDEN|NOT_FOUND|CONFLICT|INVALID_ARGUMENT|EXPIRED): [^\n]*)/.exec(
      text,
    );
    if (match?.[1]) return match[1];
  }
  return texts.join(' | ');
}
