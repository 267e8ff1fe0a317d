import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { expect } from 'chai';
import type * as grpc from '@grpc/grpc-js';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { transactions } from '@patrec/contract';
import { loadNetworkConfig } from '../config/network-config.js';
import { enrollPerson, type EnrolledIdentity } from '../ledger/enroll.js';
import { gatewayFor, peerConnection } from '../ledger/connect.js';
import { isAlive } from '../process/proc.js';
import { runningPid, sleep } from '../process/supervisor.js';
import { waitFor } from '../process/wait.js';
import { watchdogProcessName } from '../process/watchdog.js';
import { paths } from '../runtime/paths.js';
import { ensureBinaries } from '../toolchain/binaries.js';
import { ordererChannelInfo, peerHeight } from './channel.js';
import { ensureFabricConfigDir } from './fabric-config.js';
import { isHealthy } from './operations.js';
import { isRaftLeader, ordererOperations, ordererProcessName, startOrderer } from './orderer.js';

const whoAmI = transactions.health.whoAmI.fullName;
const ping = transactions.health.ping.fullName;

const config = loadNetworkConfig();
const [hospitalA, hospitalB] = config.hospitals as [
  (typeof config.hospitals)[0],
  (typeof config.hospitals)[0],
];
const decode = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('Fabric network (integration: real CAs, peers and Raft orderers)', function () {
  this.timeout(180_000);
  const patientId = `PAT${randomInt(1e8, 1e11)}`;
  const doctorId = `DOC${randomInt(1e8, 1e11)}`;
  const connections: grpc.Client[] = [];
  const gateways: Gateway[] = [];
  let patient: EnrolledIdentity;
  let doctor: EnrolledIdentity;

  const gateway = (org: typeof hospitalA, identity: EnrolledIdentity) => {
    const client = peerConnection(config, org);
    connections.push(client);
    const gw = gatewayFor(client, identity);
    gateways.push(gw);
    return gw.getNetwork(config.channel);
  };

  before(async () => {
    patient = await enrollPerson(hospitalA, { role: 'patient', patrecId: patientId });
    doctor = await enrollPerson(hospitalB, { role: 'doctor', patrecId: doctorId });
  });

  after(() => {
    gateways.forEach((g) => g.close());
    connections.forEach((c) => c.close());
  });

  it('gives the chaincode the role and PatRec ID that the hospital CA put in the certificate', async () => {
    const contract = gateway(hospitalA, patient).getContract(config.chaincode);
    const asPatient = JSON.parse(decode(await contract.evaluateTransaction(whoAmI))) as unknown;
    expect(asPatient).to.deep.equal({
      mspId: 'HospitalAMSP',
      role: 'patient',
      patrecId: patientId,
    });

    const other = gateway(hospitalB, doctor).getContract(config.chaincode);
    const asDoctor = JSON.parse(decode(await other.evaluateTransaction(whoAmI))) as unknown;
    expect(asDoctor).to.deep.equal({ mspId: 'HospitalBMSP', role: 'doctor', patrecId: doctorId });
  });

  it('commits a transaction endorsed by both hospitals on both peers', async () => {
    const network = gateway(hospitalA, patient);
    const proposal = network.getContract(config.chaincode).newProposal(ping);
    const transaction = await proposal.endorse();
    const submitted = await transaction.submit();
    const status = await submitted.getStatus();
    expect(status.successful, `validation code ${status.code}`).to.equal(true);
    expect(JSON.parse(decode(submitted.getResult()))).to.deep.equal({ txId: status.transactionId });

    // The other hospital's peer holds the same transaction in its own ledger.
    const qscc = gateway(hospitalB, doctor).getContract('qscc');
    const processed = await qscc.evaluateTransaction(
      'GetTransactionByID',
      config.channel,
      status.transactionId,
    );
    expect(processed.length).to.be.greaterThan(0);
  });

  it('refuses an identity that no hospital CA issued', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stranger: EnrolledIdentity = {
      mspId: 'HospitalAMSP',
      certificate: patient.certificate,
      // The patient's certificate with another key: the signature cannot verify.
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const contract = gateway(hospitalA, stranger).getContract(config.chaincode);
    let refusal: unknown;
    try {
      await contract.evaluateTransaction(whoAmI);
    } catch (error) {
      refusal = error;
    }
    expect(refusal, 'the evaluate should have been refused').to.be.instanceOf(Error);
    expect(String((refusal as Error & { details?: unknown }).message)).to.match(
      /access denied|signature|creator/i,
    );
  });

  describe('with the Raft leader killed', () => {
    let killed: (typeof config.ordererOrg.orderers)[0] | undefined;
    let killedPid: number | undefined;
    let killedAt = 0;
    const watchdogLog = paths.log(watchdogProcessName);
    let watchdogFrom = 0;

    after(async () => {
      if (!killed) return;
      const binaries = await ensureBinaries(() => {});
      const orderer = killed;
      // The watchdog brought it back (the test below checks); should it not have, start it
      // as `npm start` would, so that the tests after these find the whole network.
      const started = runningPid(ordererProcessName(orderer))
        ? undefined
        : startOrderer(orderer, config, binaries, await ensureFabricConfigDir());
      await waitFor(
        `${orderer.name} to restart`,
        () => isHealthy(ordererOperations(orderer, config)),
        {
          timeoutMs: 30_000,
          hint: 'see its log',
          ...(started ? { process: started } : {}),
        },
      );
      const others = config.ordererOrg.orderers.filter((o) => o !== orderer);
      await waitFor(
        `${orderer.name} to catch up with the channel`,
        async () => {
          const mine = await ordererChannelInfo(binaries, config, orderer);
          const theirs = await ordererChannelInfo(binaries, config, others[0]!);
          return mine !== undefined && mine.height === theirs?.height;
        },
        { timeoutMs: 60_000, hint: 'see its log' },
      );
      // Peers that were reading blocks from the killed orderer reconnect to another one; the
      // tests after this one need every peer to hold every block again.
      const fabricConfigDir = await ensureFabricConfigDir();
      await waitFor(
        'every peer to catch up with the orderers',
        async () => {
          const target = (await ordererChannelInfo(binaries, config, others[0]!))?.height;
          const heights = await Promise.all(
            config.hospitals.flatMap((org) =>
              org.peers.map((peer) => peerHeight(binaries, fabricConfigDir, org, peer, config)),
            ),
          );
          return target !== undefined && heights.every((h) => h === target);
        },
        { timeoutMs: 60_000, intervalMs: 500, hint: 'see the peer logs' },
      );
    });

    it('still commits a transaction (after a retry while a new leader is elected)', async () => {
      const leaders = await Promise.all(
        config.ordererOrg.orderers.map(async (o) =>
          (await isRaftLeader(o, config)) ? o : undefined,
        ),
      );
      killed = leaders.find(Boolean);
      expect(killed, 'some orderer should lead the Raft cluster').to.not.equal(undefined);
      const pid = runningPid(ordererProcessName(killed!));
      expect(pid).to.be.a('number');
      killedPid = pid;
      watchdogFrom = existsSync(watchdogLog) ? statSync(watchdogLog).size : 0;
      killedAt = Date.now();
      process.kill(pid!, 'SIGKILL');
      await waitFor(`${killed!.name} to die`, () => Promise.resolve(!isAlive(pid!)), {
        timeoutMs: 5_000,
        hint: 'SIGKILL did not end it',
      });

      const contract = gateway(hospitalA, patient).getContract(config.chaincode);
      const deadline = Date.now() + 60_000;
      // Each call has a deadline of its own: a transaction handed to the dying leader may never
      // be ordered, and its commit status would then be waited for forever.
      const soon = () => ({ deadline: Date.now() + 15_000 });
      let attempts = 0;
      for (;;) {
        attempts += 1;
        try {
          const submitted = await (await contract.newProposal(ping).endorse(soon())).submit(soon());
          const status = await submitted.getStatus(soon());
          expect(status.successful, `validation code ${status.code}`).to.equal(true);
          break;
        } catch (error) {
          // Only "no leader / orderer unreachable" may be retried, and only for a while (a call
          // to the dying orderer can also come back CANCELLED); Ping writes nothing, so
          // submitting it again is harmless.
          const message = String((error as Error).message);
          const retriable = /unavailable|leader|connect|deadline|cancel/i.test(message);
          if (Date.now() > deadline || !retriable) throw error;
          await sleep(1000);
        }
      }
      expect(attempts).to.be.lessThan(60);
    });

    it('is started again by the watchdog within 10 s of the kill, under a new pid', async () => {
      expect(killed, 'the test before killed the leader').to.not.equal(undefined);
      const name = ordererProcessName(killed!);
      const restart = new RegExp(
        `^(\\S+) ${name.replace(/\./g, '\\.')}: restarted by the watchdog as pid (\\d+): ` +
          `pid ${killedPid} (?:was no longer running|was killed by SIGKILL)`,
        'm',
      );
      const logged = () =>
        existsSync(watchdogLog)
          ? readFileSync(watchdogLog).subarray(watchdogFrom).toString('utf8')
          : '';
      await waitFor(
        `the watchdog to restart ${name}`,
        () => Promise.resolve(restart.test(logged())),
        {
          timeoutMs: Math.max(0, killedAt + 10_000 - Date.now()),
          hint: `See ${watchdogLog}.`,
        },
      );
      const [, at, pid] = restart.exec(logged())!;
      expect(Date.parse(at!) - killedAt, 'ms from the kill to the restart').to.be.below(10_000);
      expect(runningPid(name)).to.equal(Number(pid));
      expect(Number(pid)).to.not.equal(killedPid);
    });
  });
});
