import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { common } from '@hyperledger/fabric-protos';
import { transactions } from '@patrec/contract';
import { expect } from 'chai';
import { loadNetworkConfig, type HospitalConfig } from '../config/network-config.js';
import { gatewayFor, peerConnection } from '../ledger/connect.js';
import { enrollPerson, type EnrolledIdentity } from '../ledger/enroll.js';
import { stopProcess } from '../process/supervisor.js';
import { waitFor } from '../process/wait.js';
import { paths, repoRoot } from '../runtime/paths.js';
import { peerProcessName } from './peer.js';

const config = loadNetworkConfig();
const [reference, rebuilt] = config.hospitals as [HospitalConfig, HospitalConfig];
const lostPeer = rebuilt.peers[0]!;

/** Runs a qscc query as `identity` through the hospital's own peer. */
async function qscc(org: HospitalConfig, identity: EnrolledIdentity, name: string, arg?: string) {
  const client = peerConnection(config, org);
  const gateway = gatewayFor(client, identity);
  try {
    const contract = gateway.getNetwork(config.channel).getContract('qscc');
    return await contract.evaluateTransaction(name, config.channel, ...(arg ? [arg] : []));
  } finally {
    gateway.close();
    client.close();
  }
}

async function chainInfo(org: HospitalConfig, identity: EnrolledIdentity) {
  const info = common.BlockchainInfo.deserializeBinary(await qscc(org, identity, 'GetChainInfo'));
  return { height: info.getHeight(), hash: Buffer.from(info.getCurrentblockhash_asU8()) };
}

describe('a peer that lost its ledger (integration)', function () {
  this.timeout(600_000);

  it('is rebuilt from the orderers by `npm start` and serves the same chain as the others', async () => {
    const patient = await enrollPerson(reference, {
      role: 'patient',
      patrecId: `PAT${randomInt(1e8, 1e11)}`,
    });
    const doctor = await enrollPerson(rebuilt, {
      role: 'doctor',
      patrecId: `DOC${randomInt(1e8, 1e11)}`,
    });
    // A transaction committed before the loss, to look up on the rebuilt peer afterwards.
    const client = peerConnection(config, reference);
    const gateway = gatewayFor(client, patient);
    let txId: string;
    try {
      const contract = gateway.getNetwork(config.channel).getContract(config.chaincode);
      const commit = await contract.submitAsync(transactions.health.ping.fullName);
      expect((await commit.getStatus()).successful).to.equal(true);
      txId = commit.getTransactionId();
    } finally {
      gateway.close();
      client.close();
    }

    await stopProcess(peerProcessName(lostPeer));
    rmSync(path.join(paths.dataOf(peerProcessName(lostPeer)), 'ledger'), {
      recursive: true,
      force: true,
    });
    await promisify(execFile)('npx', ['tsx', 'scripts/src/cli/start.ts'], {
      cwd: repoRoot,
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });

    const expected = await chainInfo(reference, patient);
    await waitFor(
      `${lostPeer.id} to catch up to height ${expected.height}`,
      async () => (await chainInfo(rebuilt, doctor)).height >= expected.height,
      { timeoutMs: 120_000, intervalMs: 1000, hint: `Check ${paths.log(lostPeer.id)}.` },
    );
    const [now, there] = [await chainInfo(reference, patient), await chainInfo(rebuilt, doctor)];
    expect(there.height).to.equal(now.height);
    expect(there.hash.equals(now.hash), 'the same newest block on both peers').to.equal(true);
    const processed = await qscc(rebuilt, doctor, 'GetTransactionByID', txId);
    expect(processed.length).to.be.greaterThan(0);
  });
});
