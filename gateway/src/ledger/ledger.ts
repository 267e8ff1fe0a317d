import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import {
  CommitError,
  connect,
  GatewayError,
  hash,
  type Contract,
  type Gateway,
  type Network,
  type Signer,
  type Status,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { transactions } from '@patrec/contract';
import type { NetworkProfile } from '../config/gateway-config.js';
import { ApiError } from '../http/api-error.js';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';
import { keysOf } from '../identity/identity-keys.js';
import { ledgerClient, type LedgerClient, type TransactionSender } from './ledger-client.js';
import {
  isEndorsementDisagreement,
  mayBeFromPeerBehind,
  mvccReadConflict,
  toApiError,
} from './ledger-errors.js';
import { committedOn } from './committed-on.js';
import { newMessageSigner } from './message-signer.js';
import { orderUntilKnown, type OrderingTimes } from './ordering.js';
import { peerOrder } from './peer-order.js';

/** Looks up a person's enrolled identity (the wallet). */
export interface IdentityLookup {
  identityOf(patrecId: string): Promise<EnrolledIdentity | undefined>;
}

const deadline = (ms: number) => () => ({ deadline: Date.now() + ms });
const decoder = new TextDecoder();
const maxRetries = 3;
/** About one block: what a peer a block behind needs to catch up. */
const catchUpPauseMs = 150;

/** A transaction the peers endorsed and signed, as it goes to the orderers. */
export interface PreparedWrite {
  transactionId: string;
  /** Serialized: `Gateway.newTransaction` makes it again, to be sent again as it is. */
  bytes: Uint8Array;
  /** The chaincode's answer, as the peers endorsed it. */
  result: Uint8Array;
}

/** Called once the peers endorsed and before the transaction goes to the orderers. */
export type BeforeOrdering = (prepared: PreparedWrite) => Promise<void>;

/** One piece of work's dealings with the ledger. */
interface WorkState {
  /** Whether it sent anything to the orderers (then it is never sent again elsewhere). */
  ordered: boolean;
  beforeOrdering?: BeforeOrdering;
  /** Called with the signed commit-status request once its own peer says it committed. */
  afterCommit?: (commitRequest: Uint8Array) => Promise<void>;
}

/** What became of a stored endorsed transaction once the ledger said. */
export type WriteOutcome =
  { committed: true; result: string } | { committed: false; status: Status };

/** The peer a call went to did not answer and nothing reached the orderers: another may. */
export class PeerUnreachable extends ApiError {
  constructor(readonly cause: unknown) {
    super('UNAVAILABLE', 'the ledger is not reachable right now', undefined, 5);
  }
}

const isUnavailable = (error: unknown) =>
  error instanceof GatewayError && Number(error.code) === Number(grpc.status.UNAVAILABLE);

/**
 * The ledger as the gateway uses it: one gRPC connection per hospital peer, shared by every
 * person, and each call signed with the calling person's own identity. A person's calls go
 * to their hospital's peer; when it does not answer, to another hospital's (a peer's gateway
 * serves any member of the channel and gathers the endorsements the policy needs).
 */
export class Ledger {
  readonly #connections = new Map<string, grpc.Client>();

  constructor(
    readonly profile: NetworkProfile,
    readonly identities: IdentityLookup,
  ) {
    for (const hospital of profile.hospitals) {
      this.#connections.set(
        hospital.mspId,
        peerClient(hospital.peer.endpoint, hospital.peer.tlsRootCertFile, profile.tlsHostname),
      );
    }
  }

  /**
   * Runs `work` with the ledger signed by the person; the gateway session ends after it.
   * `beforeOrdering` sees each transaction it submits, endorsed, before it is ordered.
   */
  async as<T>(
    patrecId: string,
    work: (ledger: LedgerClient) => Promise<T>,
    beforeOrdering?: BeforeOrdering,
  ): Promise<T> {
    const identity = await this.identities.identityOf(patrecId);
    if (!identity) {
      throw new ApiError('FORBIDDEN', `${patrecId} has no ledger identity`, {
        reason: 'NOT_REGISTERED',
      });
    }
    return this.withIdentity(identity, work, beforeOrdering);
  }

  /** The shared connection to the peer of the hospital that enrolled `mspId`'s people. */
  clientFor(mspId: string): grpc.Client {
    const client = this.#connections.get(mspId);
    if (!client) {
      throw new ApiError('FORBIDDEN', `no hospital of this network is ${mspId}`, {
        reason: 'WRONG_HOSPITAL',
      });
    }
    return client;
  }

  /** The peers to try for `mspId`'s people, in order: their own first while it answers. */
  clientsFor(mspId: string): grpc.Client[] {
    this.clientFor(mspId); // refuses a hospital this network does not have
    const states = [...this.#connections].map(
      ([msp, client]) => [msp, client.getChannel().getConnectivityState(false)] as const,
    );
    return peerOrder(mspId, states).map((msp) => this.#connections.get(msp)!);
  }

  async withIdentity<T>(
    identity: EnrolledIdentity,
    work: (ledger: LedgerClient) => Promise<T>,
    beforeOrdering?: BeforeOrdering,
  ) {
    const signer = signerOf(identity);
    return this.#withGateway(identity, async (gateway, client) => {
      const others = [...this.#connections.values()]
        .filter((c) => c !== client)
        .map((c) => connectAs(c, identity));
      const state: WorkState = {
        ordered: false,
        beforeOrdering,
        // A write is answered once a majority of the peers holds it (see committedOn).
        afterCommit: (commitRequest) => committedOn(others, commitRequest),
      };
      const contract = gateway.getNetwork(this.profile.channel).getContract(this.profile.chaincode);
      // Signed as soon as it is endorsed, so that what beforeOrdering keeps can be sent as it is.
      const sign = async (transaction: Transaction) =>
        gateway.newSignedTransaction(transaction.getBytes(), await signer(transaction.getDigest()));
      try {
        return await work(ledgerClient(new LedgerContract(contract, state, sign)));
      } finally {
        others.forEach((g) => g.close());
      }
    });
  }

  /**
   * Sends a transaction endorsed earlier (kept by `beforeOrdering`) again, as it is, until
   * the ledger says whether it committed; OutcomeUnknown when it does not say in time.
   * Safe to repeat: the ledger commits a transaction ID at most once.
   */
  async outcomeOf(
    identity: EnrolledIdentity,
    bytes: Uint8Array,
    times: OrderingTimes,
  ): Promise<WriteOutcome> {
    return this.#withGateway(identity, async (gateway) => {
      const transaction = gateway.newTransaction(bytes);
      const { status } = await orderUntilKnown(transaction, times);
      return status.successful
        ? { committed: true, result: decoder.decode(transaction.getResult()) }
        : { committed: false, status };
    });
  }

  /**
   * The channel itself, for Fabric's system chaincodes (qscc, _lifecycle), through the first
   * peer that answers: work is tried on the next only when nothing of it was ordered.
   */
  async withNetwork<T>(identity: EnrolledIdentity, work: (network: Network) => Promise<T>) {
    return this.#withGateway(identity, (gateway) => work(gateway.getNetwork(this.profile.channel)));
  }

  async #withGateway<T>(
    identity: EnrolledIdentity,
    work: (gateway: Gateway, client: grpc.Client) => Promise<T>,
  ) {
    const clients = this.clientsFor(identity.mspId);
    for (const [index, client] of clients.entries()) {
      const gateway = connectAs(client, identity);
      try {
        return await work(gateway, client);
      } catch (error) {
        if (!(error instanceof PeerUnreachable) || index === clients.length - 1) throw error;
      } finally {
        gateway.close();
      }
    }
    throw new Error('no peer to try');
  }

  /** True when a hospital's peer answers: any will do, since every call fails over. */
  async reachable(): Promise<boolean> {
    const ready = (client: grpc.Client) =>
      new Promise<boolean>((resolve) => {
        client.waitForReady(Date.now() + 2000, (error) => resolve(!error));
      });
    const answers = [...this.#connections.values()].map(async (client) => {
      if (!(await ready(client))) throw new Error('not ready');
      return true;
    });
    if (answers.length === 0) return false;
    return Promise.any(answers).catch(() => false);
  }

  close() {
    this.#connections.forEach((c) => c.close());
  }
}

/** A gRPC connection to a peer over TLS; we dial an address, the certificate names a host. */
export function peerClient(endpoint: string, tlsRootCertFile: string, tlsHostname: string) {
  return new grpc.Client(endpoint, grpc.credentials.createSsl(readFileSync(tlsRootCertFile)), {
    'grpc.ssl_target_name_override': tlsHostname,
  });
}

/** A Fabric Gateway session signing with the identity, with a deadline on every call. */
export function connectAs(client: grpc.Client, identity: EnrolledIdentity): Gateway {
  return connect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificate) },
    signer: signerOf(identity),
    hash: hash.none, // the signer hashes the whole message itself
    evaluateOptions: deadline(5_000),
    endorseOptions: deadline(15_000),
    // Submits and commit status waits take their deadlines from orderUntilKnown.
  });
}

/**
 * Transactions that only log an access: nothing another call decides on waits for them, so
 * they are answered as soon as their own peer committed them.
 */
const onlyLogs = new Set([
  transactions.access.accessRecord.fullName,
  transactions.access.recordReads.fullName,
  transactions.access.getRecordDirectory.fullName,
]);

const signerOf = (identity: EnrolledIdentity): Signer =>
  newMessageSigner(keysOf(identity).privateKey);

/** Submits and evaluates transactions by their full name, returning their text. */
export class LedgerContract implements TransactionSender {
  constructor(
    readonly contract: Contract,
    readonly state: WorkState = { ordered: false },
    readonly sign: (transaction: Transaction) => Promise<Transaction> = (t) => Promise.resolve(t),
  ) {}

  async evaluate(fullName: string, args: string[]): Promise<string> {
    try {
      return decoder.decode(await this.contract.evaluateTransaction(fullName, ...args));
    } catch (error) {
      throw this.#unreachable(error) ?? toApiError(error);
    }
  }

  /**
   * Endorses, orders and waits for the commit, sending the same transaction again while its
   * outcome is unknown (orderUntilKnown). A new transaction is made only when nothing was
   * written: the commit lost an MVCC race, the peers disagreed while one caught up, or a
   * refusal may be a lagging peer's (asked once more after a pause).
   */
  async submit(fullName: string, args: string[]): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      let transaction: Transaction;
      try {
        transaction = await this.sign(
          await this.contract.newProposal(fullName, { arguments: args }).endorse(),
        );
      } catch (error) {
        const unreachable = this.#unreachable(error);
        if (unreachable) throw unreachable;
        const askAgain =
          (attempt < maxRetries && isEndorsementDisagreement(error)) ||
          (attempt === 1 && mayBeFromPeerBehind(error));
        if (askAgain) {
          await new Promise((resolve) => setTimeout(resolve, catchUpPauseMs * attempt));
          continue;
        }
        throw toApiError(error);
      }
      const transactionId = transaction.getTransactionId();
      await this.state.beforeOrdering?.({
        transactionId,
        bytes: transaction.getBytes(),
        result: transaction.getResult(),
      });
      // From here it may reach the orderers: never sent again elsewhere as a new one.
      this.state.ordered = true;
      const { status, commitRequest } = await orderUntilKnown(transaction).catch(
        (error: unknown) => {
          throw toApiError(error);
        },
      );
      if (status.successful) {
        if (!onlyLogs.has(fullName)) await this.state.afterCommit?.(commitRequest);
        return decoder.decode(transaction.getResult());
      }
      if (attempt < maxRetries && status.code === mvccReadConflict) continue;
      throw toApiError(
        new CommitError({
          code: status.code,
          transactionId,
          message: `transaction ${transactionId} did not commit (validation code ${status.code})`,
        }),
      );
    }
  }

  #unreachable(error: unknown): PeerUnreachable | undefined {
    return isUnavailable(error) && !this.state.ordered ? new PeerUnreachable(error) : undefined;
  }
}
