import { MongoClient } from 'mongodb';
import { loadGatewayConfig } from '../../../gateway/src/config/gateway-config.js';
import { EventStore } from '../../../gateway/src/events/event-store.js';
import { replicaName } from '../../../gateway/src/gateway-services.js';
import type { NetworkConfig } from '../config/network-config.js';
import { runningPid, stopProcess } from '../process/supervisor.js';
import { gatewayEnv, gatewayProcessName, startGateway } from '../services/gateway.js';
import { clockTicksPerSecond, secondsSinceStart } from './process-cpu.js';
import type { GatewayRestarter } from './scale-bench.js';

interface Checkpoints {
  mongo: MongoClient;
  events: EventStore;
  /** The checkpoint's name, as the gateway names it. */
  listener: string;
}

/**
 * The gateway `npm start` runs, restarted through the supervisor's pid file, and its event
 * listener's checkpoint, read and moved in the store the gateway uses.
 */
export class SupervisedGateway implements GatewayRestarter {
  #checkpoints: Checkpoints | undefined;

  constructor(
    readonly config: NetworkConfig,
    readonly log: (message: string) => void,
  ) {}

  cannotRestart() {
    return runningPid(gatewayProcessName) === undefined
      ? 'the gateway was not started by `npm start` (no live process in its pid file), ' +
          'so this bench cannot restart it'
      : undefined;
  }

  async checkpointBlock() {
    const { events, listener } = this.#store();
    const checkpoint = await events.checkpoint(listener);
    if (!checkpoint) throw new Error(`no event checkpoint named ${listener} in the store`);
    return checkpoint.blockNumber;
  }

  async restartFrom(block: number) {
    const { events, listener } = this.#store();
    this.log('  stopping the gateway …');
    await stopProcess(gatewayProcessName);
    try {
      this.log(`  moving its event checkpoint back to block ${block} …`);
      // From the start of that block; lastSeq stays, as the events replayed are kept already.
      await events.saveCheckpoint(listener, block, '', undefined);
    } finally {
      // Started again even if the checkpoint could not be moved: never left stopped.
      this.log('  starting the gateway again …');
      await startGateway(this.config, (message) => this.log(`  ${message}`));
    }
    // Asked of the kernel, as starting may have begun with compiling the gateway; when the
    // kernel cannot tell, the moment it answered.
    const pid = runningPid(gatewayProcessName);
    const age = pid === undefined ? undefined : secondsSinceStart(pid, clockTicksPerSecond());
    return performance.now() - (age ?? 0) * 1000;
  }

  async close() {
    await this.#checkpoints?.mongo.close();
  }

  /** Opened on first use: a run that never restarts the gateway needs none of it. */
  #store(): Checkpoints {
    if (!this.#checkpoints) {
      // Store, database and port as the gateway reads them from what `npm start` passes it.
      const gateway = loadGatewayConfig(gatewayEnv(this.config));
      const mongo = new MongoClient(gateway.mongodbUri, { serverSelectionTimeoutMS: 5000 });
      this.#checkpoints = {
        mongo,
        events: new EventStore(mongo.db(gateway.databaseName)),
        listener: replicaName(gateway.port),
      };
    }
    return this.#checkpoints;
  }
}
