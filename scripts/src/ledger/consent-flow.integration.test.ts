import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeArguments, transactions as tx } from '@patrec/contract';
import { expect } from 'chai';
import { loadNetworkConfig } from '../config/network-config.js';
import { ensureFabricConfigDir } from '../fabric/fabric-config.js';
import { identityFiles } from '../fabric/identities.js';
import { ordererArgs } from '../fabric/peer.js';
import { CommandError, run } from '../process/exec.js';
import { paths } from '../runtime/paths.js';
import { sleep } from '../process/supervisor.js';
import { ensureBinaries } from '../toolchain/binaries.js';
import { LedgerActors, type Actor } from './ledger-actors.js';
import { emergencyReason, recordText } from './off-chain-fixtures.js';

const config = loadNetworkConfig();
const [hospitalA, hospitalB] = config.hospitals as [
  (typeof config.hospitals)[0],
  (typeof config.hospitals)[0],
];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('consent on the ledger (integration: real CAs, peers, orderers; bare Gateway clients)', function () {
  this.timeout(240_000);
  const actors = new LedgerActors(config);
  let patient: Actor;
  let doctor: Actor;
  let emergencyDoctor: Actor;
  /** A verified doctor the patient never dealt with. */
  let stranger: Actor;
  let recordId: string;

  before(async () => {
    patient = await actors.enroll(hospitalA, 'patient');
    doctor = await actors.enroll(hospitalB, 'doctor');
    emergencyDoctor = await actors.enroll(hospitalA, 'doctor');
    stranger = await actors.enroll(hospitalB, 'doctor');
    const adminA = await actors.enroll(hospitalA, 'admin');
    const adminB = await actors.enroll(hospitalB, 'admin');
    for (const person of [patient, doctor, emergencyDoctor, stranger]) {
      await person.submit(tx.participants.registerSelf, {});
    }
    await adminB.submit(tx.participants.verifyDoctor, { doctorId: doctor.id });
    await adminB.submit(tx.participants.verifyDoctor, { doctorId: stranger.id });
    await adminA.submit(tx.participants.verifyDoctor, { doctorId: emergencyDoctor.id });
    const created = await patient.submit(tx.records.createRecord, {
      patientId: patient.id,
      category: 'cardiac',
      contentHash: sha256(recordText),
    });
    recordId = created.recordId;
  });

  after(() => actors.close());

  it('request → grant → access → revoke → access refused', async () => {
    expect(await doctor.refusal(tx.access.accessRecord, { recordId })).to.equal(
      `FORBIDDEN(NO_CONSENT): ${doctor.id} holds no active read grant covering ${recordId}`,
    );

    const requested = await doctor.submit(tx.consents.requestAccess, {
      patientId: patient.id,
      scope: { records: [recordId] },
      permission: 'read',
      purpose: 'treatment',
      durationSeconds: 3600,
    });
    expect(requested.status).to.equal('PENDING');
    expect(await doctor.refusal(tx.access.accessRecord, { recordId })).to.match(
      /^FORBIDDEN\(NO_CONSENT\): /,
    );

    await patient.submit(tx.consents.grantAccess, { consentId: requested.consentId });
    const read = await doctor.submit(tx.access.accessRecord, { recordId });
    expect(read.record.contentHash).to.equal(sha256(recordText));
    expect(read.access).to.include({
      consentId: requested.consentId,
      emergency: false,
      accessorId: doctor.id,
    });

    await patient.submit(tx.consents.revokeAccess, { consentId: requested.consentId });
    expect(await doctor.refusal(tx.access.accessRecord, { recordId })).to.equal(
      `FORBIDDEN(REVOKED): ${doctor.id}'s read grant covering ${recordId} was revoked by the patient`,
    );
  });

  it('refuses a read once the grant has expired, by the transaction time', async () => {
    await patient.submit(tx.consents.shareWith, {
      doctorId: doctor.id,
      scope: { categories: ['cardiac'] },
      permission: 'read',
      durationSeconds: 60,
    });
    await doctor.submit(tx.access.accessRecord, { recordId });
    await sleep(62_000);
    expect(await doctor.refusal(tx.access.accessRecord, { recordId })).to.equal(
      `EXPIRED: ${doctor.id}'s read grant covering ${recordId} has expired`,
    );
  });

  it('grants emergency access with only the reason hash on chain, flagged in the access log', async () => {
    const granted = await emergencyDoctor.submit(tx.consents.emergencyAccess, {
      patientId: patient.id,
      reasonHash: sha256(emergencyReason),
    });
    expect(granted.origin).to.equal('emergency');
    expect(granted.reasonHash).to.equal(sha256(emergencyReason));
    const hours =
      (Date.parse(granted.expiresAt ?? '') - Date.parse(granted.decidedAt ?? '')) / 3_600_000;
    expect(hours).to.equal(24);

    await emergencyDoctor.submit(tx.access.accessRecord, { recordId });
    const log = await patient.evaluate(tx.access.listAccessLog, {
      patientId: patient.id,
      recordId,
      accessorId: emergencyDoctor.id,
      pageSize: 10,
    });
    expect(log.items.map((e) => [e.accessorId, e.emergency])).to.deep.equal([
      [emergencyDoctor.id, true],
    ]);
  });

  it('refuses a doctor who calls the chaincode directly with the peer CLI, without a grant', async () => {
    const binaries = await ensureBinaries(() => {});
    const msp = mkdtempSync(path.join(os.tmpdir(), 'patrec-doctor-msp-'));
    try {
      // The doctor's own enrolment in an MSP folder: the org's roots and NodeOU rules, plus
      // the doctor's certificate and key.
      cpSync(paths.orgMsp(hospitalB.key), msp, { recursive: true });
      for (const [folder, file, content] of [
        ['signcerts', 'cert.pem', stranger.identity.certificate],
        ['keystore', 'key.pem', stranger.identity.privateKey],
      ] as const) {
        mkdirSync(path.join(msp, folder), { recursive: true });
        writeFileSync(path.join(msp, folder, file), content);
      }

      const peerArgs = config.hospitals.flatMap((org) => [
        '--peerAddresses',
        `${org.peers[0]!.host}:${org.peers[0]!.port}`,
        '--tlsRootCertFiles',
        identityFiles(org, org.peers[0]!.name).tlsRootCert,
      ]);
      let refusal = '';
      try {
        await run(
          binaries.peer,
          [
            'chaincode',
            'invoke',
            '--channelID',
            config.channel,
            '--name',
            config.chaincode,
            '--ctor',
            JSON.stringify({
              Args: [
                tx.access.accessRecord.fullName,
                ...encodeArguments(tx.access.accessRecord, { recordId }),
              ],
            }),
            ...peerArgs,
            ...ordererArgs(config),
          ],
          {
            env: {
              ...process.env,
              FABRIC_CFG_PATH: await ensureFabricConfigDir(),
              CORE_PEER_LOCALMSPID: hospitalB.mspId,
              CORE_PEER_MSPCONFIGPATH: msp,
              CORE_PEER_TLS_ENABLED: 'true',
            },
          },
        );
      } catch (error) {
        refusal = error instanceof CommandError ? error.output : String(error);
      }
      expect(refusal).to.contain(
        `FORBIDDEN(NO_CONSENT): ${stranger.id} holds no active read grant covering ${recordId}`,
      );
    } finally {
      rmSync(msp, { recursive: true, force: true });
    }
  });
});
