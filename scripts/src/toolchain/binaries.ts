import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { paths, repoRoot } from '../runtime/paths.js';
import { lastLines, run } from '../process/exec.js';
import { readLog } from '../process/supervisor.js';
import { seconds } from '../ui/progress.js';

/** A set of commands built together from one of the project's pinned Go modules. */
interface Toolset {
  title: string;
  /** Folder under network/tools holding go.mod and go.sum. */
  module: string;
  version: string;
  commands: Record<string, string>;
  ldflags?: string;
  /** Arguments that make a command print its version, when it can. */
  versionArgs?: (command: string) => string[];
  coldBuild: string;
}

const fabric: Toolset = {
  title: 'Hyperledger Fabric',
  module: 'fabric',
  version: '3.1.1',
  commands: Object.fromEntries(
    ['peer', 'orderer', 'configtxgen', 'configtxlator', 'osnadmin'].map((c) => [
      c,
      `github.com/hyperledger/fabric/cmd/${c}`,
    ]),
  ),
  // Built as a dependency, Fabric reports "Version: latest" unless stamped.
  ldflags: '-X github.com/hyperledger/fabric/common/metadata.Version=3.1.1',
  versionArgs: (c) => (c === 'peer' || c === 'orderer' ? ['version'] : ['--version']),
  coldBuild: 'about 5 min',
};

const fabricCa: Toolset = {
  title: 'Hyperledger Fabric CA',
  module: 'fabric-ca',
  version: '1.5.21',
  commands: {
    'fabric-ca-server': 'github.com/hyperledger/fabric-ca/cmd/fabric-ca-server',
    'fabric-ca-client': 'github.com/hyperledger/fabric-ca/cmd/fabric-ca-client',
  },
  versionArgs: () => ['version'],
  coldBuild: 'about 2.5 min',
};

const ferretdb: Toolset = {
  title: 'FerretDB (SQLite backend)',
  module: 'ferretdb',
  version: '1.24.2',
  commands: { 'patrec-ferretdb': '.' },
  coldBuild: 'about 2.5 min',
};

export type FabricCommand = 'peer' | 'orderer' | 'configtxgen' | 'configtxlator' | 'osnadmin';
export type CaCommand = 'fabric-ca-server' | 'fabric-ca-client';
export type Binaries = Record<FabricCommand | CaCommand, string> & { ferretdb?: string };

export class MissingToolError extends Error {
  override name = 'MissingToolError';
}

/**
 * Finds or builds every native binary PatRec runs, in this order: FABRIC_BIN or the PATH
 * when they hold the pinned versions, the cache in .patrec/bin, a build from the project's
 * pinned Go modules. FerretDB is skipped when MONGODB_URI names another server.
 */
export async function ensureBinaries(
  log: (message: string) => void,
  { database = !process.env.MONGODB_URI } = {},
): Promise<Binaries> {
  const found: Record<string, string> = {};
  const sets = database ? [fabric, fabricCa, ferretdb] : [fabric, fabricCa];
  for (const set of sets) {
    Object.assign(found, await ensureToolset(set, log));
  }
  const binaries = found as Binaries;
  if (database) binaries.ferretdb = found['patrec-ferretdb'];
  return binaries;
}

async function ensureToolset(set: Toolset, log: (message: string) => void) {
  const names = Object.keys(set.commands);
  for (const dir of externalCandidates(set)) {
    if (await holdsPinnedVersion(set, dir)) {
      log(`${set.title} ${set.version}: using ${dir}`);
      return Object.fromEntries(names.map((n) => [n, path.join(dir, n)]));
    }
  }
  const stamp = path.join(paths.bin, `${set.module}.stamp`);
  const wanted = `${set.version} ${moduleDigest(set)}`;
  const cached = names.every((n) => isExecutable(path.join(paths.bin, n)));
  if (cached && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
    log(`${set.title} ${set.version}: cached in ${paths.bin}`);
  } else {
    await build(set, log);
    writeFileSync(stamp, wanted);
  }
  return Object.fromEntries(names.map((n) => [n, path.join(paths.bin, n)]));
}

/** FABRIC_BIN first, then each PATH folder holding the commands (never for our own FerretDB). */
function externalCandidates(set: Toolset): string[] {
  if (!set.versionArgs) return [];
  const dirs = [process.env.FABRIC_BIN, ...(process.env.PATH ?? '').split(':')];
  return dirs.filter(
    (dir): dir is string =>
      Boolean(dir) && Object.keys(set.commands).every((n) => isExecutable(path.join(dir!, n))),
  );
}

async function holdsPinnedVersion(set: Toolset, dir: string) {
  for (const command of Object.keys(set.commands)) {
    try {
      const out = await run(path.join(dir, command), set.versionArgs!(command), {
        timeoutMs: 10_000,
      });
      if (!new RegExp(`Version: v?${set.version.replace(/\./g, '\\.')}\\b`).test(out)) {
        return false;
      }
    } catch {
      return false;
    }
  }
  return true;
}

async function build(set: Toolset, log: (message: string) => void) {
  const go = await findGo();
  mkdirSync(paths.bin, { recursive: true });
  const moduleDir = path.join(repoRoot, 'network', 'tools', set.module);
  const buildLog = paths.log(`build-${set.module}`);
  mkdirSync(paths.logs, { recursive: true });
  const names = Object.keys(set.commands);
  log(
    `${set.title} ${set.version}: building ${names.join(', ')} from the Go ` +
      `module proxy (${set.coldBuild} cold, seconds when Go's build cache is warm); log ${buildLog}`,
  );
  // With one package, -o names the file; with several, the folder (each keeps its own name).
  const output = names.length === 1 ? path.join(paths.bin, names[0]!) : paths.bin;
  // No VCS stamp: the binaries' version is the pinned module's, and CI clones may lack git metadata.
  const args = ['build', '-buildvcs=false', '-o', output];
  if (set.ldflags) args.push('-ldflags', set.ldflags);
  args.push(...Object.values(set.commands));
  const began = Date.now();
  const ticker = setInterval(
    () => log(`  still building … ${seconds(Date.now() - began)}`),
    30_000,
  );
  try {
    await runLogged(go, args, moduleDir, buildLog);
  } catch {
    throw new MissingToolError(
      `building ${set.title} failed. Last lines of ${buildLog}:\n${lastLines(readLog(buildLog), 15)}\n` +
        'Check that the Go module proxy is reachable (go env GOPROXY), or set FABRIC_BIN to a ' +
        `folder holding ${Object.keys(set.commands).join(', ')} at version ${set.version}.`,
    );
  } finally {
    clearInterval(ticker);
  }
  log(`  built in ${seconds(Date.now() - began)}`);
}

function runLogged(command: string, args: string[], cwd: string, logFile: string) {
  return new Promise<void>((resolve, reject) => {
    writeFileSync(logFile, `$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const append = (chunk: Buffer) => writeFileSync(logFile, chunk, { flag: 'a' });
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
  });
}

async function findGo(): Promise<string> {
  const candidates = [
    ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'go')),
    '/usr/local/go/bin/go',
  ];
  for (const go of candidates) {
    if (!isExecutable(go)) continue;
    const out = await run(go, ['version']).catch(() => '');
    const match = /go1\.(\d+)/.exec(out);
    if (match && Number(match[1]) >= 24) return go;
  }
  throw new MissingToolError(
    'Fabric, fabric-ca and FerretDB binaries are missing and no Go toolchain ≥ 1.24 was found to ' +
      'build them. Install Go from https://go.dev/dl (Debian: unpack it into /usr/local/go and ' +
      'add /usr/local/go/bin to PATH), or set FABRIC_BIN to a folder holding Fabric v3.1.1 ' +
      '(peer, orderer, configtxgen, configtxlator, osnadmin) and fabric-ca v1.5.21 ' +
      '(fabric-ca-server, fabric-ca-client).',
  );
}

/** go.mod, go.sum and the module's own Go files: a changed pin or source means a rebuild. */
function moduleDigest(set: Toolset) {
  const dir = path.join(repoRoot, 'network', 'tools', set.module);
  const hash = createHash('sha256');
  const sources = readdirSync(dir)
    .filter((file) => file.endsWith('.go'))
    .sort();
  for (const file of ['go.mod', 'go.sum', ...sources]) {
    const full = path.join(dir, file);
    if (existsSync(full)) hash.update(readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
}

function isExecutable(file: string) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Fabric's sample configuration files, from the module the binaries were built from. */
export async function fabricSampleConfigDir(): Promise<string> {
  const go = await findGo();
  const out = await run(go, ['list', '-m', '-f', '{{.Dir}}', 'github.com/hyperledger/fabric'], {
    cwd: path.join(repoRoot, 'network', 'tools', 'fabric'),
    timeoutMs: 300_000,
  });
  return path.join(out.trim(), 'sampleconfig');
}
