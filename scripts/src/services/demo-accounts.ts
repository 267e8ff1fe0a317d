import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NetworkConfig } from '../config/network-config.js';
import { run } from '../process/exec.js';
import { paths, repoRoot } from '../runtime/paths.js';
import type { DemoLogin } from '../../../gateway/src/seed/demo-accounts.js';
import { gatewayEnv } from './gateway.js';

export type { DemoLogin };

export const demoLoginsFile = () => path.join(paths.root, 'demo-logins.json');

/**
 * Creates the demo accounts, and on a fresh database the demo network (records, consents,
 * reads), through the gateway's own code; keeps the logins. `progress` hears what it does.
 */
export async function seedDemo(
  config: NetworkConfig,
  progress: (message: string) => void,
): Promise<DemoLogin[]> {
  const out = await run(
    process.execPath,
    [path.join(repoRoot, 'gateway', 'dist', 'seed', 'seed-cli.js')],
    { env: gatewayEnv(config), timeoutMs: 180_000, onStderrLine: progress },
  );
  const logins = JSON.parse(out) as DemoLogin[];
  writeFileSync(demoLoginsFile(), JSON.stringify(logins, null, 2), { mode: 0o600 });
  return logins;
}

export function readDemoLogins(): DemoLogin[] {
  if (!existsSync(demoLoginsFile())) return [];
  return JSON.parse(readFileSync(demoLoginsFile(), 'utf8')) as DemoLogin[];
}
