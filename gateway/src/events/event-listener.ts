import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { Logger } from 'pino';
import type { EnrolledIdentity } from '../identity/hospital-ca.js';
import { connectAs, type Ledger } from '../ledger/ledger.js';
import { EventKeeper } from './event-keeper.js';
import type { EventStore } from './event-store.js';
import {
  BATCH_EVENTS,
  isBatchEventName,
  isLedgerEventName,
  type LedgerEvent,
  type LedgerEventName,
} from '@patrec/contract';

const decoder = new TextDecoder();

/** How many of the latest events are held in memory for browsers that reconnect at once. */
const recentKept = 2000;
/**
 * How fast blocks written before the listener started are read again: ten times the rate the
 * ledger makes them at full load (BatchTimeout 100 ms), and slow enough that catching up
 * after a restart leaves the peers, the store and this process to the requests.
 */
const CATCH_UP_BLOCKS_PER_SECOND = 100;

/**
 * Reads the chaincode's events from the stored checkpoint onwards and publishes each at once
 * to the browsers that are listening; an EventKeeper stores them behind, in batches, and
 * moves the checkpoint only past what is stored: an event is never lost across a restart
 * (at worst published twice, which the SSE ids make harmless).
 */
export class LedgerEventListener extends EventEmitter<{ event: [LedgerEvent] }> {
  #stopped = false;
  #close: (() => void) | undefined;
  /** The latest events, oldest first: what the store may not hold yet. */
  readonly #recent: LedgerEvent[] = [];
  #keeper: EventKeeper | undefined;

  constructor(
    readonly ledger: Ledger,
    readonly identity: EnrolledIdentity,
    readonly store: EventStore,
    readonly log: Logger,
    /** Names this listener's checkpoint; one per gateway replica. */
    readonly name: string,
  ) {
    super();
    this.setMaxListeners(0);
  }

  start() {
    void this.#run();
  }

  stop() {
    this.#stopped = true;
    this.#close?.();
    this.#keeper?.stop();
  }

  /** Resolves once every event published so far is stored (tests, shutdown). */
  async settled() {
    await this.#keeper?.settled();
  }

  /** The events after `seq` that a reconnecting browser missed: stored ones, then recent. */
  async replay(seq: number): Promise<LedgerEvent[]> {
    const stored = await this.store.after(seq);
    const last = stored.at(-1)?.seq ?? seq;
    return [...stored, ...this.#recent.filter((event) => event.seq > last)];
  }

  async #run() {
    let backoffMs = 1000;
    while (!this.#stopped) {
      try {
        await this.#listen();
        backoffMs = 1000;
      } catch (error) {
        if (this.#stopped) return;
        this.log.warn(
          { err: error, retryInMs: backoffMs },
          'ledger event stream broke; reconnecting',
        );
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  }

  async #listen() {
    // Its hospital's peer, or another while that one does not answer.
    const gateway = connectAs(this.ledger.clientsFor(this.identity.mspId)[0]!, this.identity);
    const network = gateway.getNetwork(this.ledger.profile.channel);
    // Without a checkpoint nobody can be waiting for an older event: start at the next
    // block rather than read the channel's whole history first, and remember that.
    const head = Number(await nextBlock(network));
    let start = await this.store.checkpoint(this.name);
    if (!start) {
      start = { _id: this.name, blockNumber: head, transactionId: '' };
      await this.store.saveCheckpoint(this.name, head, '', undefined);
    }
    const { blockNumber: fromBlock, transactionId: afterTransaction, lastSeq } = start;
    const events = await network.getChaincodeEvents(this.ledger.profile.chaincode, {
      checkpoint: {
        getBlockNumber: () => BigInt(fromBlock),
        // An empty transaction ID means "from the start of that block".
        getTransactionId: () => afterTransaction || undefined,
      },
    });
    this.#close = () => {
      events.close();
      gateway.close();
    };
    const keeper = new EventKeeper(this.store, this.name, lastSeq, this.log);
    this.#keeper = keeper;
    // Stopped while this was starting: nothing must be left running.
    if (this.#stopped) this.#close();
    try {
      let block = -1;
      let index = 0;
      for await (const event of events) {
        const blockNumber = Number(event.blockNumber);
        if (blockNumber === block) {
          index += 1;
        } else {
          // Every event of the blocks before is handed over: resume at this one after a
          // restart (never mid-block, so a replayed event gets the seq it had).
          if (block >= 0) keeper.resumeAt(blockNumber);
          block = blockNumber;
          index = 0;
          if (blockNumber < head) await sleep(1000 / CATCH_UP_BLOCKS_PER_SECOND);
        }
        const first = blockNumber * 100_000 + index;
        const announced = eventsIn(event.eventName, event.payload);
        if (announced.length === 0) {
          // Not in the contract: nobody may be shown it, so it is not kept either.
          this.log.warn({ name: event.eventName, blockNumber }, 'unknown chaincode event skipped');
        }
        for (const [n, { name, ids }] of announced.entries()) {
          const seq = first + n;
          // Kept before the restart: in the store, where a reconnecting browser finds it.
          if (lastSeq !== undefined && seq <= lastSeq) continue;
          const ledgerEvent: LedgerEvent = {
            seq,
            name,
            ids,
            txId: event.transactionId,
            blockNumber,
          };
          this.#recent.push(ledgerEvent);
          if (this.#recent.length > recentKept) this.#recent.shift();
          this.emit('event', ledgerEvent);
          keeper.keep(ledgerEvent);
        }
        index += Math.max(announced.length - 1, 0);
      }
    } finally {
      this.#close();
    }
  }
}

/** The number of the next block of the channel: its height. */
async function nextBlock(network: Network): Promise<bigint> {
  const info = await network
    .getContract('qscc')
    .evaluateTransaction('GetChainInfo', network.getName());
  return BigInt(common.BlockchainInfo.deserializeBinary(info).getHeight());
}

type Ids = Record<string, string | null>;

/**
 * The contract's events a chaincode event stands for: itself, or for a batch event each of
 * the events it lists (BATCH_EVENTS); none for a name the contract does not know.
 */
export function eventsIn(
  chaincodeName: string,
  payload: Uint8Array,
): { name: LedgerEventName; ids: Ids }[] {
  if (isLedgerEventName(chaincodeName)) return [{ name: chaincodeName, ids: parseIds(payload) }];
  if (!isBatchEventName(chaincodeName)) return [];
  const { events } = parseIds(payload) as { events?: unknown };
  const name = BATCH_EVENTS[chaincodeName];
  return Array.isArray(events) ? events.map((ids) => ({ name, ids: asIds(ids) })) : [];
}

function parseIds(payload: Uint8Array): Ids {
  try {
    return asIds(JSON.parse(decoder.decode(payload)));
  } catch {
    return {};
  }
}

const asIds = (value: unknown): Ids =>
  typeof value === 'object' && value !== null ? (value as Ids) : {};
