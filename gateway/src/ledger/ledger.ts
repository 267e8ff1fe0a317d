import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import {
  connect,
  EndorseError,
  GatewayError,
  signers,
  type Contract,
  type Gateway,
  type Network,
} from '@hyperledger/fabric-gateway';
import type { NetworkProfile } from '../config/gateway-config.js';
import { ApiError } from '../http/api-error.js';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';
import { ledgerClient, type LedgerClient, type TransactionSender } from './ledger-client.js';
import { isEndorsementDisagreement, isMvccConflict, toApiError } from './ledger-errors.js';
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

/** Whether a piece of work sent anything to the orderers (then it is never sent again). */
interface Sent {
  ordered: boolean;
}

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

  /** Runs `work` with the ledger signed by the person; the gateway session ends after it. */
  async as<T>(patrecId: string, work: (ledger: LedgerClient) => Promise<T>): Promise<T> {
    const identity = await this.identities.identityOf(patrecId);
    if (!identity) {
      throw new ApiError('FORBIDDEN', `${patrecId} has no ledger identity`, {
        reason: 'NOT_REGISTERED',
      });
    }
    return this.withIdentity(identity, work);
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

  async withIdentity<T>(identity: EnrolledIdentity, work: (ledger: LedgerClient) => Promise<T>) {
    const sent: Sent = { ordered: false };
    return this.withNetwork(identity, (network) =>
      work(ledgerClient(new LedgerContract(network.getContract(this.profile.chaincode), sent))),
    );
  }

  /**
   * The channel itself, for Fabric's system chaincodes (qscc, _lifecycle), through the first
   * peer that answers: work is tried on the next only when nothing of it was ordered.
   */
  async withNetwork<T>(identity: EnrolledIdentity, work: (network: Network) => Promise<T>) {
    const clients = this.clientsFor(identity.mspId);
    for (const [index, client] of clients.entries()) {
      const gateway = connectAs(client, identity);
      try {
        return await work(gateway.getNetwork(this.profile.channel));
      } catch (error) {
        if (!(error instanceof PeerUnreachable) || index === clients.length - 1) throw error;
      } finally {
        gateway.close();
      }
    }
    throw new Error('no peer to try');
  }

  /** True when the gRPC channel to the first hospital's peer is ready. */
  async reachable(): Promise<boolean> {
    const client = this.#connections.values().next().value;
    if (!client) return false;
    return new Promise((resolve) => {
      client.waitForReady(Date.now() + 2000, (error) => resolve(!error));
    });
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
    signer: signers.newPrivateKeySigner(createPrivateKey(identity.privateKey)),
    evaluateOptions: deadline(5_000),
    endorseOptions: deadline(15_000),
    submitOptions: deadline(5_000),
    // A transaction an orderer lost when it died never commits: answer 503 (staged contents
    // stay for the reconciler) rather than hold the client a minute.
    commitStatusOptions: deadline(10_000),
  });
}

/** Submits and evaluates transactions by their full name, returning their text. */
export class LedgerContract implements TransactionSender {
  constructor(
    readonly contract: Contract,
    readonly sent: Sent = { ordered: false },
  ) {}

  async evaluate(fullName: string, args: string[]): Promise<string> {
    try {
      return decoder.decode(await this.contract.evaluateTransaction(fullName, ...args));
    } catch (error) {
      throw this.#unreachable(error) ?? toApiError(error);
    }
  }

  /**
   * Submits and waits for the commit; sends it again only when nothing was written: the
   * commit lost an MVCC race, or the peers disagreed while one caught up (after a pause).
   */
  async submit(fullName: string, args: string[]): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.contract.submitTransaction(fullName, ...args);
        this.sent.ordered = true;
        return decoder.decode(result);
      } catch (error) {
        // Past endorsement it may have reached the orderers: never sent again elsewhere.
        if (!(error instanceof EndorseError)) this.sent.ordered = true;
        const unreachable = this.#unreachable(error);
        if (unreachable) throw unreachable;
        if (attempt < maxRetries) {
          if (isMvccConflict(error)) continue;
          if (isEndorsementDisagreement(error)) {
            await new Promise((resolve) => setTimeout(resolve, catchUpPauseMs * attempt));
            continue;
          }
        }
        throw toApiError(error);
      }
    }
  }

  #unreachable(error: unknown): PeerUnreachable | undefined {
    return isUnavailable(error) && !this.sent.ordered ? new PeerUnreachable(error) : undefined;
  }
}
