import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CreatedAccount, PatientSignUp, RecordRead, RecordSummary } from '@patrec/contract';
import { expect } from 'chai';
import { HttpSession } from '../bench/http-session.js';
import { loadNetworkConfig, type HospitalConfig } from '../config/network-config.js';
import { stopProcess } from '../process/supervisor.js';
import { repoRoot } from '../runtime/paths.js';
import { gatewayUrl } from '../services/gateway.js';
import { peerProcessName } from './peer.js';

const config = loadNetworkConfig();
// The first hospital: the one whose peer the gateway's own identity uses too.
const [hospital] = config.hospitals as [HospitalConfig];

const result = {
  category: 'clinical-results',
  form: { testName: 'Ferritin', result: '48', unit: 'ug/L', takenOn: '2026-11-30' },
} as const;

describe("one hospital's peer down (integration)", function () {
  this.timeout(600_000);

  it("keeps that hospital's patients writing and reading through the other hospitals' peers, and the ledger healthy", async () => {
    const session = new HttpSession(gatewayUrl(config));
    const email = `peer.down.${Date.now()}@example.org`;
    const password = 'peer down test password';
    const signUp = {
      firstName: 'Petra',
      lastName: 'Down',
      dateOfBirth: '1980-04-01',
      address: '3 Quorum Road',
      city: 'Majority',
      state: 'Raft',
      country: 'Fabric',
      email,
      password,
      hospital: hospital.key,
    } satisfies PatientSignUp;
    const patient = await session.call<CreatedAccount>('POST', '/api/accounts/patients', signUp);
    await session.login(email, password);

    // Stopped, not killed: the watchdog leaves a stopped process alone.
    await stopProcess(peerProcessName(hospital.peers[0]!));
    try {
      const record = await session.call<RecordSummary>(
        'POST',
        `/api/patients/${patient.id}/records`,
        result,
      );
      const read = await session.call<RecordRead>('GET', `/api/records/${record.recordId}`);
      expect(read.content).to.deep.equal(result);
      const health = await fetch(`${gatewayUrl(config)}/api/health`);
      expect([health.status, await health.json()]).to.deep.equal([
        200,
        { status: 'ok', checks: { database: { up: true }, ledger: { up: true } } },
      ]);
    } finally {
      await promisify(execFile)('npx', ['tsx', 'scripts/src/cli/start.ts'], {
        cwd: repoRoot,
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    }
  });
});
