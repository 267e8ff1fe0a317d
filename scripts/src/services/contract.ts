import path from 'node:path';
import { run } from '../process/exec.js';
import { repoRoot } from '../runtime/paths.js';

/** The shared contract's sources: the chaincode, gateway and web are built from them too. */
export const contractSources = [
  path.join(repoRoot, 'contract', 'src'),
  path.join(repoRoot, 'contract', 'package.json'),
];

/** Compiles the contract (incremental: about a second when nothing changed). */
export async function buildContract() {
  await run('npm', ['run', 'build', '--workspace', '@patrec/contract'], {
    cwd: repoRoot,
    timeoutMs: 120_000,
  });
}
