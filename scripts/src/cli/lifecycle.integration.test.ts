import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { loadNetworkConfig } from '../config/network-config.js';
import { networkProcessNames } from '../fabric/network.js';
import type { NetworkStatus } from '../fabric/status.js';
import type { SupervisionStatus } from '../process/watchdog-process.js';
import { repoRoot } from '../runtime/paths.js';
import { databaseUri, usesEmbeddedDatabase } from '../services/database.js';
import { serviceProcessNames } from '../services/services.js';

const execFileAsync = promisify(execFile);
const config = loadNetworkConfig();

/** Runs one of the operator's commands as a user would, through tsx. */
async function command(name: string, ...args: string[]) {
  const { stdout } = await execFileAsync('npx', ['tsx', `scripts/src/cli/${name}.ts`, ...args], {
    cwd: repoRoot,
    timeout: 600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

const status = async () =>
  JSON.parse(await command('status', '--json')) as NetworkStatus & {
    supervision: SupervisionStatus;
  };

async function withDatabase<T>(work: (client: MongoClient) => Promise<T>) {
  const client = new MongoClient(databaseUri(), { serverSelectionTimeoutMS: 5000 });
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

describe('npm run status, npm stop and npm start (integration)', function () {
  this.timeout(600_000);

  it('status --json shows every process up, the channel heights, the Raft leader and the chaincode', async () => {
    const report = await status();
    expect(report.cas.map((c) => [c.name, c.up])).to.deep.equal([
      ['ca.orderer', true],
      ['ca.hospitala', true],
      ['ca.hospitalb', true],
      ['ca.hospitalc', true],
    ]);
    expect(report.orderers).to.have.length(3);
    for (const node of [...report.orderers, ...report.peers]) {
      expect(node.up, node.name).to.equal(true);
      expect(node.height, node.name).to.be.a('number').greaterThan(1);
    }
    expect(report.peers.map((p) => p.name)).to.deep.equal([
      'peer0.hospitala',
      'peer0.hospitalb',
      'peer0.hospitalc',
    ]);
    expect(report.orderers.map((o) => o.name)).to.include(report.raftLeader);
    expect(report.chaincode?.name).to.equal('patrec');
    expect(report.chaincode?.sequence).to.be.a('number').greaterThan(0);
    expect(report.chaincode?.version).to.match(/^\d+\.\d+\.\d+-[0-9a-f]{12}$/);
    expect(report.services.map((s) => [s.name, s.up])).to.deep.equal([
      ['database', true],
      ['gateway', true],
      ['web', true],
    ]);
    expect(report.supervision.watchdog.up, 'the watchdog').to.equal(true);
    // npm start records how it starts each process, or did for one already running.
    expect(report.supervision.restartable).to.include.members([
      ...networkProcessNames(config),
      ...serviceProcessNames.filter((name) => name !== 'database' || usesEmbeddedDatabase()),
    ]);
    expect(report.supervision.notRestartable).to.deep.equal([]);
    expect(report.supervision.gaveUp).to.deep.equal([]);
  });

  it('keeps the ledger height and the database contents across npm stop and npm start', async () => {
    const marker = { _id: randomUUID(), note: 'written before npm stop' };
    await withDatabase((client) =>
      client.db('patrec_lifecycle_test').collection<typeof marker>('markers').insertOne(marker),
    );
    const before = await status();

    await command('stop');
    const stopped = await status();
    const everything = [...stopped.cas, ...stopped.orderers, ...stopped.peers, ...stopped.services];
    expect(everything.filter((n) => n.up).map((n) => n.name)).to.deep.equal([]);
    expect(stopped.supervision.watchdog.up, 'the watchdog after npm stop').to.equal(false);

    await command('start');
    const after = await status();
    expect(after.supervision.watchdog.up, 'the watchdog after npm start').to.equal(true);
    for (const [i, peer] of after.peers.entries()) {
      expect(peer.height, peer.name).to.be.at.least(before.peers[i]!.height!);
    }
    expect(after.chaincode).to.deep.equal(before.chaincode);
    const found = await withDatabase((client) =>
      client
        .db('patrec_lifecycle_test')
        .collection<typeof marker>('markers')
        .findOne({ _id: marker._id }),
    );
    expect(found).to.deep.equal(marker);
  });
});
