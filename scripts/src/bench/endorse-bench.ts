import { createHash } from 'node:crypto';
import { transactions as tx } from '@patrec/contract';
import type { NetworkConfig } from '../config/network-config.js';
import { LedgerActors } from '../ledger/ledger-actors.js';
import { submitWhile } from './ledger-bench.js';
import { figuresOf, type PhaseFigures } from './throughput-bench.js';

/**
 * What the peers alone can give a consent-checked read, with nothing ordered: a doctor holding
 * a share has the peers endorse `access:AccessRecord` (the consent check and the access
 * entry, signed by the endorsing peers) from `clients` concurrent loops for `seconds`; then
 * evaluates `records:GetRecord` (one peer, nothing signed) as long. Bare Gateway clients, no
 * PatRec gateway: the bound any design that reads without ordering each read must live under.
 */
export async function benchEndorsements(
  config: NetworkConfig,
  clients: number,
  seconds: number,
  log: (message: string) => void,
): Promise<PhaseFigures[]> {
  const actors = new LedgerActors(config);
  try {
    const [hospitalA, hospitalB] = config.hospitals;
    const patient = await actors.enroll(hospitalA!, 'patient');
    const doctor = await actors.enroll(hospitalB!, 'doctor');
    const admin = await actors.enroll(hospitalB!, 'admin');
    for (const person of [patient, doctor]) await person.submit(tx.participants.registerSelf, {});
    await admin.submit(tx.participants.verifyDoctor, { doctorId: doctor.id });
    const { recordId } = await patient.submit(tx.records.createRecord, {
      patientId: patient.id,
      category: 'cardiac',
      contentHash: createHash('sha256').update('endorse bench').digest('hex'),
    });
    await patient.submit(tx.consents.shareWith, {
      doctorId: doctor.id,
      scope: { all: true },
      permission: 'read',
      durationSeconds: 3600,
    });
    const loops = Array.from({ length: clients }, (_, i) => i);
    const phase = async (label: string, step: () => Promise<unknown>) => {
      log(`${label}: ${clients} clients for ${seconds} s …`);
      const until = performance.now() + seconds * 1000;
      const more = () => performance.now() < until;
      const result = await submitWhile(
        loops,
        more,
        async () => void (await step()),
        () => {},
      );
      return figuresOf(label, clients, result);
    };
    return [
      await phase('AccessRecord endorsed, not ordered', () =>
        doctor.endorse(tx.access.accessRecord, { recordId }),
      ),
      await phase('GetRecord evaluated (one peer)', () =>
        patient.evaluate(tx.records.getRecord, { recordId }),
      ),
    ];
  } finally {
    actors.close();
  }
}
