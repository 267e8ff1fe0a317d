import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { runningPid } from '../process/supervisor.js';
import { paths } from '../runtime/paths.js';
import { databaseProcessName, databaseUri, usesEmbeddedDatabase } from './database.js';

/** Inodes of the sockets listening on TCP, from the kernel's tables (state 0A is LISTEN). */
function listeningTcpInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A' && fields[9]) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** Inodes of the sockets a process holds open. */
function socketInodesOf(pid: number): string[] {
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      return /^socket:\[(\d+)\]$/.exec(target)?.slice(1) ?? [];
    } catch {
      return []; // closed meanwhile
    }
  });
}

/**
 * Issue 17, item 9: the embedded record store accepts no connection but its owner's. It
 * listened on 127.0.0.1 without authentication, so any local process could overwrite a
 * password hash and log in as anyone.
 */
describe('who can reach the embedded record store (integration)', function () {
  before(function () {
    if (!usesEmbeddedDatabase()) this.skip(); // MONGODB_URI: that server's own access rules
  });

  it('listens on no TCP port at all', () => {
    const pid = runningPid(databaseProcessName);
    expect(pid, 'the record store runs').to.be.a('number');
    const listening = listeningTcpInodes();
    expect(socketInodesOf(pid!).filter((inode) => listening.has(inode))).to.deep.equal([]);
  });

  it('serves its owner on a socket no one else may open', async () => {
    expect(statSync(paths.databaseSocket).mode & 0o077, 'group and others have no rights').to.equal(
      0,
    );
    const client = new MongoClient(databaseUri(), { serverSelectionTimeoutMS: 5_000 });
    try {
      expect((await client.db('admin').command({ ping: 1 })).ok).to.equal(1);
    } finally {
      await client.close();
    }
  });

  it('refuses another local user', function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can act as another user
    const probe =
      "const s = require('node:net').connect(process.argv[1]);" +
      "s.on('connect', () => { console.log('connected'); s.destroy(); });" +
      "s.on('error', (e) => console.log(e.code));";
    const asNobody = spawnSync(process.execPath, ['-e', probe, paths.databaseSocket], {
      uid: 65534,
      gid: 65534,
      cwd: '/',
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(asNobody.stdout.trim()).to.equal('EACCES');
  });
});
