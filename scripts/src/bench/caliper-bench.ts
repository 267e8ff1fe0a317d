import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { encodeArguments, transactions as tx } from '@patrec/contract';
import type { NetworkConfig } from '../config/network-config.js';
import { identityFiles } from '../fabric/identities.js';
import { LedgerActors, type Actor } from '../ledger/ledger-actors.js';
import { paths, repoRoot } from '../runtime/paths.js';

/** The committed benchmark: Caliper's package.json and lock, the benchmark and workloads. */
export const caliperDir = path.join(repoRoot, 'network', 'caliper');
/**
 * Where Caliper is installed: outside the repository, because Node would otherwise find
 * the gateway's fabric-network in the repository's node_modules and Caliper would refuse
 * two Fabric bindings.
 */
const installDir = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
  'patrec',
  'caliper-0.6.0',
);
const caliperBin = path.join(installDir, 'node_modules', '.bin', 'caliper');

/** test.workers.number in benchmark.yaml: one patient is enrolled for each worker. */
const WORKERS = 8;

/** A person as Caliper names them: their identity's name and their hospital's MSP. */
interface CaliperPerson {
  identity: string;
  mspId: string;
}

/** What the workload modules read: who sends what, with the arguments already encoded. */
interface CaliperActors {
  chaincode: string;
  doctor: CaliperPerson;
  patients: (CaliperPerson & { recordId: string })[];
  transactions: Record<'noOp' | 'share' | 'revoke' | 'access', string>;
  shareArguments: string[];
}

/**
 * `npm run bench -- caliper`: Hyperledger Caliper 0.6.0 (its fabric-gateway connector) against
 * the running network, no Docker: the no-op, consent and access transactions from a load
 * client that is not PatRec's own. Installs Caliper on first use, enrols a doctor and one
 * patient per worker straight at the hospital CAs (each with a record shared with the
 * doctor), writes Caliper's network configuration for them and runs the committed
 * benchmark. Caliper prints its report table; the HTML report is kept under .patrec/caliper.
 */
export async function benchCaliper(
  config: NetworkConfig,
  log: (message: string) => void,
): Promise<string> {
  await installCaliper(log);
  const dir = path.join(paths.root, 'caliper');
  mkdirSync(dir, { recursive: true });
  log(`enrolling a doctor and ${WORKERS} patients, each with a record shared …`);
  const actors = new LedgerActors(config);
  try {
    const people = await enrolPeople(config, actors, WORKERS);
    const actorsFile = path.join(dir, 'actors.json');
    writeFileSync(actorsFile, `${JSON.stringify(people.actors, null, 2)}\n`);
    const networkFile = path.join(dir, 'network.json');
    writeFileSync(networkFile, `${JSON.stringify(networkConfig(config, dir, people), null, 2)}\n`);
    const report = path.join(dir, 'report.html');
    log('running Caliper (network/caliper/benchmark.yaml) …');
    await runCaliper(
      [
        'launch',
        'manager',
        '--caliper-workspace',
        caliperDir,
        '--caliper-networkconfig',
        networkFile,
        '--caliper-benchconfig',
        'benchmark.yaml',
        '--caliper-flow-only-test',
        '--caliper-report-path',
        report,
        '--caliper-worker-remote',
        'false',
      ],
      // Caliper requires workload modules by the name the benchmark gives them.
      { PATREC_CALIPER_ACTORS: actorsFile, NODE_PATH: caliperDir },
    );
    return report;
  } finally {
    actors.close();
  }
}

async function installCaliper(log: (message: string) => void) {
  const lock = readFileSync(path.join(caliperDir, 'package-lock.json'));
  const installedLock = path.join(installDir, 'package-lock.json');
  if (
    existsSync(caliperBin) &&
    existsSync(installedLock) &&
    readFileSync(installedLock).equals(lock)
  ) {
    return;
  }
  log(`installing Hyperledger Caliper 0.6.0 into ${installDir} (about a minute, once) …`);
  mkdirSync(installDir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    copyFileSync(path.join(caliperDir, file), path.join(installDir, file));
  }
  const began = Date.now();
  const ticker = setInterval(
    () => log(`  still installing … ${Math.round((Date.now() - began) / 1000)} s`),
    20_000,
  );
  try {
    await spawned('npm', ['ci', '--no-audit', '--no-fund'], installDir, {}, 'ignore');
  } catch (error) {
    throw new Error(
      `installing Caliper failed (${String(error)}): check that the npm registry is reachable, ` +
        `then run \`npm ci\` in ${installDir}`,
    );
  } finally {
    clearInterval(ticker);
  }
}

async function enrolPeople(config: NetworkConfig, actors: LedgerActors, workers: number) {
  const [hospitalA, hospitalB] = config.hospitals;
  if (!hospitalA || !hospitalB) throw new Error('the Caliper benchmark needs two hospitals');
  const doctor = await actors.enroll(hospitalB, 'doctor');
  const admin = await actors.enroll(hospitalB, 'admin');
  await doctor.submit(tx.participants.registerSelf, {});
  await admin.submit(tx.participants.verifyDoctor, { doctorId: doctor.id });
  const patients: Actor[] = [];
  const records: string[] = [];
  for (let i = 0; i < workers; i += 1) {
    const patient = await actors.enroll(hospitalA, 'patient');
    await patient.submit(tx.participants.registerSelf, {});
    const { recordId } = await patient.submit(tx.records.createRecord, {
      patientId: patient.id,
      category: 'cardiac',
      contentHash: createHash('sha256').update(`caliper ${patient.id}`).digest('hex'),
    });
    await patient.submit(tx.consents.shareWith, {
      doctorId: doctor.id,
      scope: { all: true },
      permission: 'read',
      durationSeconds: 86_400,
    });
    patients.push(patient);
    records.push(recordId);
  }
  const share = {
    doctorId: doctor.id,
    scope: { all: true },
    permission: 'read' as const,
    durationSeconds: 3600,
  };
  const actorsFile: CaliperActors = {
    chaincode: config.chaincode,
    doctor: { identity: doctor.id, mspId: doctor.identity.mspId },
    patients: patients.map((patient, i) => ({
      identity: patient.id,
      mspId: patient.identity.mspId,
      recordId: records[i]!,
    })),
    transactions: {
      noOp: tx.health.ping.fullName,
      share: tx.consents.shareWith.fullName,
      revoke: tx.consents.revokeAccess.fullName,
      access: tx.access.accessRecord.fullName,
    },
    shareArguments: encodeArguments(tx.consents.shareWith, share),
  };
  return { doctor, patients, actors: actorsFile };
}

/** Caliper's network configuration (format 2.0.0) and a connection profile per hospital. */
function networkConfig(
  config: NetworkConfig,
  dir: string,
  people: { doctor: Actor; patients: Actor[] },
) {
  const everyone = [people.doctor, ...people.patients];
  return {
    name: 'PatRec',
    version: '2.0.0',
    caliper: { blockchain: 'fabric' },
    channels: [{ channelName: config.channel, contracts: [{ id: config.chaincode }] }],
    organizations: config.hospitals
      .map((hospital) => {
        const members = everyone.filter((person) => person.identity.mspId === hospital.mspId);
        if (members.length === 0) return undefined;
        const peer = hospital.peers[0]!;
        const profile = path.join(dir, `profile-${hospital.key}.json`);
        writeFileSync(
          profile,
          JSON.stringify({
            name: hospital.name,
            version: '1.0.0',
            client: { organization: hospital.name },
            organizations: { [hospital.name]: { mspid: hospital.mspId, peers: [peer.id] } },
            peers: {
              [peer.id]: {
                url: `grpcs://${peer.host}:${peer.port}`,
                tlsCACerts: { path: identityFiles(hospital, peer.name).tlsRootCert },
                grpcOptions: { 'ssl-target-name-override': config.tlsHostname },
              },
            },
          }),
        );
        return {
          mspid: hospital.mspId,
          identities: {
            certificates: members.map((person) => ({
              name: person.id,
              clientPrivateKey: { pem: person.identity.privateKey },
              clientSignedCert: { pem: person.identity.certificate },
            })),
          },
          connectionProfile: { path: profile, discover: false },
        };
      })
      .filter((organization) => organization !== undefined),
  };
}

function runCaliper(args: string[], env: Record<string, string>) {
  return spawned(caliperBin, args, caliperDir, env, 'inherit').catch((error: unknown) => {
    throw new Error(
      `Caliper failed (${String(error)}); its log is above. Is PatRec running (npm run status)?`,
    );
  });
}

function spawned(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  output: 'inherit' | 'ignore',
) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', output, output],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
  });
}
