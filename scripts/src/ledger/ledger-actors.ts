import { randomInt } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import {
  encodeArguments,
  formatLedgerError,
  parseLedgerError,
  type TransactionDefinition,
  type TransactionInput,
  type TransactionResult,
} from '@patrec/contract';
import type { HospitalConfig, NetworkConfig } from '../config/network-config.js';
import { committedOn } from '../../../gateway/src/ledger/committed-on.js';
import { gatewayFor, peerConnection } from './connect.js';
import { enrollPerson, type EnrolledIdentity, type PersonRequest } from './enroll.js';

const decoder = new TextDecoder();

/**
 * A person enrolled at a real hospital CA, calling the chaincode with a bare Gateway client:
 * transactions from the contract's catalogue, their results checked against its schemas.
 */
export interface Actor {
  id: string;
  identity: EnrolledIdentity;
  submit<D extends TransactionDefinition>(
    transaction: D,
    input: TransactionInput<D>,
  ): Promise<TransactionResult<D>>;
  evaluate<D extends TransactionDefinition>(
    transaction: D,
    input: TransactionInput<D>,
  ): Promise<TransactionResult<D>>;
  /** Has the peers endorse a transaction and sends it nowhere: the endorsed result. */
  endorse<D extends TransactionDefinition>(
    transaction: D,
    input: TransactionInput<D>,
  ): Promise<TransactionResult<D>>;
  /** The chaincode's refusal of a submit, as `CODE(REASON): detail` (fails if it was accepted). */
  refusal<D extends TransactionDefinition>(
    transaction: D,
    input: TransactionInput<D>,
  ): Promise<string>;
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
    // Their own hospital's peer first; the others are asked for each commit too.
    const peers = [org, ...this.config.hospitals.filter((h) => h.key !== org.key)];
    const [gateway, ...others] = peers.map((hospital) => {
      const client = peerConnection(this.config, hospital);
      const peerGateway = gatewayFor(client, identity);
      this.#connections.push(client);
      this.#gateways.push(peerGateway);
      return peerGateway;
    });
    const network = gateway!.getNetwork(this.config.channel);
    return actor(
      id,
      identity,
      network.getContract(this.config.chaincode),
      network.getContract('qscc'),
      others,
    );
  }

  close() {
    this.#gateways.forEach((g) => g.close());
    this.#connections.forEach((c) => c.close());
  }
}

function actor(
  id: string,
  identity: EnrolledIdentity,
  contract: Contract,
  qscc: Contract,
  otherPeers: Gateway[],
): Actor {
  /** Submits and returns once every peer has the commit. */
  const submitEverywhere = async (name: string, ...args: string[]) => {
    const submitted = await contract.submitAsync(name, { arguments: args });
    const status = await submitted.getStatus();
    if (!status.successful) {
      throw new Error(`${name} did not commit (validation code ${status.code})`);
    }
    // Every peer, unlike the gateway's majority: each step of a test sees the last one
    // whichever peers endorse it.
    await committedOn(otherPeers, submitted.getBytes(), otherPeers.length);
    return submitted.getResult();
  };
  const call = async <D extends TransactionDefinition>(
    send: (name: string, ...args: string[]) => Promise<Uint8Array>,
    transaction: D,
    input: TransactionInput<D>,
  ) => {
    const bytes = await send(transaction.fullName, ...encodeArguments(transaction, input));
    return transaction.result.parse(JSON.parse(decoder.decode(bytes))) as TransactionResult<D>;
  };
  return {
    id,
    identity,
    submit: (transaction, input) => call(submitEverywhere, transaction, input),
    evaluate: (transaction, input) =>
      call(contract.evaluateTransaction.bind(contract), transaction, input),
    endorse: (transaction, input) =>
      call(
        async (name, ...args) =>
          (await contract.newProposal(name, { arguments: args }).endorse()).getResult(),
        transaction,
        input,
      ),
    refusal: async (transaction, input) => {
      try {
        await contract.submitTransaction(
          transaction.fullName,
          ...encodeArguments(transaction, input),
        );
      } catch (error) {
        return chaincodeMessage(error);
      }
      throw new Error(`${transaction.fullName} was accepted, but should have been refused`);
    },
    qscc: (transaction, ...args) => qscc.evaluateTransaction(transaction, ...args),
  };
}

/** The chaincode's refusal out of a Fabric Gateway error, as the contract writes it. */
export function chaincodeMessage(error: unknown): string {
  const details = (error as { details?: { message: string }[] }).details ?? [];
  const texts = [String((error as Error).message), ...details.map((d) => d.message)];
  for (const text of texts) {
    const refusal = parseLedgerError(text);
    if (refusal) return formatLedgerError(refusal);
  }
  return texts.join(' | ');
}
