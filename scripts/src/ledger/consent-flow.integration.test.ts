import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
      await person.submit('participants:RegisterSelf');
    }
    await adminB.submit('participants:VerifyDoctor', doctor.id);
    await adminB.submit('participants:VerifyDoctor', stranger.id);
    await adminA.submit('participants:VerifyDoctor', emergencyDoctor.id);
    const created = JSON.parse(
      await patient.submit('records:CreateRecord', patient.id, 'cardiac', sha256(recordText)),
    ) as { recordId: string };
    recordId = created.recordId;
  });

  after(() => actors.close());

  it('request → grant → access → revoke → access refused', async () => {
    expect(await doctor.refusal('access:AccessRecord', recordId)).to.equal(
      `FORBIDDEN: ${doctor.id} holds no active read grant covering ${recordId}`,
    );

    const scope = JSON.stringify({ records: [recordId] });
    const requested = JSON.parse(
      await doctor.submit('consents:RequestAccess', patient.id, scope, 'read', 'treatment', '3600'),
    ) as { consentId: string; status: string };
    expect(requested.status).to.equal('PENDING');
    expect(await doctor.refusal('access:AccessRecord', recordId)).to.match(/^FORBIDDEN: /);

    await patient.submit('consents:GrantAccess', requested.consentId, '', '', '');
    const read = JSON.parse(await doctor.submit('access:AccessRecord', recordId)) as {
      access: { consentId: string; emergency: boolean; accessorId: string };
      record: { contentHash: string };
    };
    expect(read.record.contentHash).to.equal(sha256(recordText));
    expect(read.access).to.include({
      consentId: requested.consentId,
      emergency: false,
      accessorId: doctor.id,
    });

    await patient.submit('consents:RevokeAccess', requested.consentId);
    expect(await doctor.refusal('access:AccessRecord', recordId)).to.equal(
      `FORBIDDEN: ${doctor.id}'s read grant covering ${recordId} was revoked by the patient`,
    );
  });

  it('refuses a read once the grant has expired, by the transaction time', async () => {
    const scope = JSON.stringify({ categories: ['cardiac'] });
    await patient.submit('consents:ShareWith', doctor.id, scope, 'read', '60');
    await doctor.submit('access:AccessRecord', recordId);
    await sleep(62_000);
    expect(await doctor.refusal('access:AccessRecord', recordId)).to.equal(
      `EXPIRED: ${doctor.id}'s read grant covering ${recordId} has expired`,
    );
  });

  it('grants emergency access with only the reason hash on chain, flagged in the access log', async () => {
    const granted = JSON.parse(
      await emergencyDoctor.submit(
        'consents:EmergencyAccess',
        patient.id,
        sha256(emergencyReason),
        '',
      ),
    ) as { origin: string; reasonHash: string; expiresAt: string; decidedAt: string };
    expect(granted.origin).to.equal('emergency');
    expect(granted.reasonHash).to.equal(sha256(emergencyReason));
    const hours = (Date.parse(granted.expiresAt) - Date.parse(granted.decidedAt)) / 3_600_000;
    expect(hours).to.equal(24);

    await emergencyDoctor.submit('access:AccessRecord', recordId);
    const log = JSON.parse(
      await patient.evaluate(
        'access:ListAccessLog',
        patient.id,
        recordId,
        emergencyDoctor.id,
        '',
        '',
        '10',
        '',
      ),
    ) as { items: { emergency: boolean; accessorId: string }[] };
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
            JSON.stringify({ Args: ['access:AccessRecord', recordId] }),
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
        `FORBIDDEN: ${stranger.id} holds no active read grant covering ${recordId}`,
      );
    } finally {
      rmSync(msp, { recursive: true, force: true });
    }
  });
});
