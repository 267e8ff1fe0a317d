import { MongoClient } from 'mongodb';
import type { NetworkConfig } from '../config/network-config.js';
import { isHealthy } from '../fabric/operations.js';
import { isRaftLeader, ordererOperations, ordererProcessName } from '../fabric/orderer.js';
import { peerOperations, peerProcessName } from '../fabric/peer.js';
import { sleep } from '../process/supervisor.js';
import { databaseProcessName, databaseUri } from '../services/database.js';
import { gatewayProcessName, gatewayUrl } from '../services/gateway.js';
import { webProcessName, webUrl } from '../services/web.js';
import type { FaultKind, PlannedFault } from './fault-plan.js';

/** A process to SIGKILL, and how to tell that its replacement answers. */
export interface FaultTarget {
  kind: FaultKind;
  /** Its name in .patrec/run, as `runningPid` takes it. */
  process: string;
  answers: () => Promise<boolean>;
}

export class NoRaftLeader extends Error {
  override name = 'NoRaftLeader';
}

const PROBE_TIMEOUT_MS = 2000;
const LEADER_SEARCH_MS = 15_000;

async function answersWith(url: string, ok: (status: number) => boolean) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.arrayBuffer();
    return ok(response.status);
  } catch {
    return false;
  }
}

/** A MongoDB `ping` on a fresh connection: the database itself answers, not a pooled socket. */
async function pings(uri: string) {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: PROBE_TIMEOUT_MS,
    connectTimeoutMS: PROBE_TIMEOUT_MS,
  });
  try {
    const answer = await client.db('admin').command({ ping: 1 });
    return answer.ok === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Where each kind of fault strikes on this network. */
export class FaultTargets {
  constructor(readonly config: NetworkConfig) {}

  /** The target of a planned fault: the current Raft leader, the next peer in turn, … */
  async of(fault: PlannedFault): Promise<FaultTarget> {
    switch (fault.kind) {
      case 'raft-leader':
        return this.raftLeader();
      case 'peer':
        return this.peer(fault.occurrence);
      case 'database':
        return this.database();
      case 'gateway':
        return this.gateway();
      case 'web':
        return this.web();
    }
  }

  /** The orderer whose metrics say it leads the channel's Raft cluster (waits for an election). */
  async raftLeader(): Promise<FaultTarget> {
    const deadline = Date.now() + LEADER_SEARCH_MS;
    const { orderers } = this.config.ordererOrg;
    do {
      const leads = await Promise.all(orderers.map((o) => isRaftLeader(o, this.config)));
      const leader = orderers[leads.findIndex((lead) => lead === true)];
      if (leader) {
        const operations = ordererOperations(leader, this.config);
        return {
          kind: 'raft-leader',
          process: ordererProcessName(leader),
          answers: () => isHealthy(operations),
        };
      }
      await sleep(500);
    } while (Date.now() < deadline);
    throw new NoRaftLeader(
      `no orderer reported itself Raft leader of ${this.config.channel} within ${LEADER_SEARCH_MS / 1000} s`,
    );
  }

  /** The peers in turn, one hospital's after the other's. */
  peer(occurrence: number): FaultTarget {
    const peers = this.config.hospitals.flatMap((org) => org.peers.map((peer) => ({ org, peer })));
    const { org, peer } = peers[occurrence % peers.length]!;
    const operations = peerOperations(peer, org, this.config);
    return { kind: 'peer', process: peerProcessName(peer), answers: () => isHealthy(operations) };
  }

  database(): FaultTarget {
    const uri = databaseUri();
    return { kind: 'database', process: databaseProcessName, answers: () => pings(uri) };
  }

  gateway(): FaultTarget {
    const url = `${gatewayUrl(this.config)}/api/health`;
    return {
      kind: 'gateway',
      process: gatewayProcessName,
      answers: () => answersWith(url, (status) => status === 200),
    };
  }

  web(): FaultTarget {
    const url = `${webUrl(this.config)}/`;
    return {
      kind: 'web',
      process: webProcessName,
      answers: () => answersWith(url, (status) => status >= 200 && status < 400),
    };
  }

  /** Every service the load depends on, to wait for them all before the check at the end. */
  everyService(): FaultTarget[] {
    const orderers = this.config.ordererOrg.orderers.map((orderer) => {
      const operations = ordererOperations(orderer, this.config);
      return {
        kind: 'raft-leader' as const,
        process: ordererProcessName(orderer),
        answers: () => isHealthy(operations),
      };
    });
    const peers = this.config.hospitals.flatMap((org) => org.peers).map((_, i) => this.peer(i));
    return [...orderers, ...peers, this.database(), this.gateway(), this.web()];
  }
}
