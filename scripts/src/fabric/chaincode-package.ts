import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../process/exec.js';
import { paths, repoRoot } from '../runtime/paths.js';
import { buildContract } from '../services/contract.js';

export interface ChaincodePackage {
  file: string;
  label: string;
  /** What the peer calls it: `<label>:<sha256 of the package file>`. */
  packageId: string;
  /** The chaincode definition's version: package.json's version and the code's digest. */
  version: string;
}

const chaincodeDir = path.join(repoRoot, 'chaincode');

/**
 * Compiles chaincode/ and packages the JavaScript with its production node_modules for
 * PatRec's external builder. The tar files are deterministic (sorted names, fixed times and
 * owners, gzip without a timestamp), so unchanged code gives the same package ID and is
 * not redeployed.
 */
export async function packageChaincode(name: string): Promise<ChaincodePackage> {
  await buildContract();
  await run('npm', ['run', 'build', '--workspace', 'chaincode'], {
    cwd: repoRoot,
    timeoutMs: 180_000,
  });
  const work = path.join(paths.chaincode, 'work');
  const code = path.join(work, 'code');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(code, { recursive: true });
  cpSync(path.join(chaincodeDir, 'package.json'), path.join(code, 'package.json'));
  cpSync(path.join(chaincodeDir, 'dist'), path.join(code, 'dist'), { recursive: true });
  const { packages, workspaces } = await productionDependencies();
  for (const dependency of packages) {
    cpSync(path.join(repoRoot, dependency), path.join(code, dependency), {
      recursive: true,
      // Nested node_modules are listed (and copied) on their own; the peer refuses symlinks.
      filter: (source) =>
        !source.startsWith(path.join(repoRoot, dependency, 'node_modules')) &&
        !source.includes(`${path.sep}.bin`),
    });
  }

  // A workspace package (the contract) is a symlink in node_modules: its manifest and the
  // CommonJS modules the chaincode loads go in as plain files — only those, so a change to
  // the rest of the contract (API schemas, forms) leaves the package, and its ID, as it was.
  for (const workspace of workspaces) {
    const target = path.join(code, workspace);
    mkdirSync(target, { recursive: true });
    cpSync(path.join(repoRoot, workspace, 'package.json'), path.join(target, 'package.json'));
    const cjs = path.join('dist', 'cjs');
    for (const file of [
      'package.json',
      ...modulesReachedFrom(path.join(repoRoot, workspace, cjs), 'core.js'),
    ]) {
      mkdirSync(path.dirname(path.join(target, cjs, file)), { recursive: true });
      cpSync(path.join(repoRoot, workspace, cjs, file), path.join(target, cjs, file));
    }
  }

  await deterministicTarGz(code, path.join(work, 'code.tar.gz'));
  const digest = sha256(readFileSync(path.join(work, 'code.tar.gz'))).slice(0, 12);
  const { version: packageVersion } = JSON.parse(
    readFileSync(path.join(chaincodeDir, 'package.json'), 'utf8'),
  ) as { version: string };
  const label = `${name}_${digest}`;
  writeFileSync(path.join(work, 'metadata.json'), JSON.stringify({ type: 'node', label }));
  const file = path.join(paths.chaincode, `${label}.tar.gz`);
  await deterministicTarGz(work, file, ['metadata.json', 'code.tar.gz']);
  return {
    file,
    label,
    packageId: `${label}:${sha256(readFileSync(file))}`,
    version: `${packageVersion}-${digest}`,
  };
}

/**
 * chaincode/'s production dependencies, as folders relative to the repository: npm
 * packages, and workspace packages (symlinks). The contract's peer dependency zod is left
 * out (and any other peer dependency of a workspace): the chaincode loads only the
 * contract's dependency-free core.
 */
async function productionDependencies(): Promise<{ packages: string[]; workspaces: string[] }> {
  const out = await run(
    'npm',
    ['ls', '--omit=dev', '--all', '--parseable', '--workspace', 'chaincode'],
    { cwd: repoRoot, timeoutMs: 60_000 },
  );
  const folders = out
    .split('\n')
    .map((line) => path.relative(repoRoot, line.trim()))
    .filter((rel) => rel.startsWith('node_modules') && !rel.endsWith('@patrec/chaincode'));
  const isWorkspace = (rel: string) => rel.startsWith(path.join('node_modules', '@patrec'));
  const workspaces = folders.filter(isWorkspace);
  const peersOfWorkspaces = new Set(
    workspaces.flatMap((workspace) => {
      const manifest = JSON.parse(
        readFileSync(path.join(repoRoot, workspace, 'package.json'), 'utf8'),
      ) as { peerDependencies?: Record<string, string> };
      return Object.keys(manifest.peerDependencies ?? {}).map((name) =>
        path.join('node_modules', name),
      );
    }),
  );
  return {
    packages: folders.filter((rel) => !isWorkspace(rel) && !peersOfWorkspaces.has(rel)),
    workspaces,
  };
}

/** The relative modules `entry` requires, transitively, itself included (paths within `dir`). */
function modulesReachedFrom(dir: string, entry: string): string[] {
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const [, required] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      visit(path.join(path.dirname(file), required!));
    }
  };
  visit(entry);
  return [...reached].sort();
}

async function deterministicTarGz(dir: string, file: string, entries = ['.']) {
  await run('tar', [
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--mode=go-w',
    '-C',
    dir,
    '-cf',
    `${file}.tar`,
    ...entries,
  ]);
  await run('gzip', ['-n', '-f', `${file}.tar`]);
  await run('mv', [`${file}.tar.gz`, file]);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
