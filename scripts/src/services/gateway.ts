import path from 'node:path';
import type { NetworkConfig } from '../config/network-config.js';
import { run } from '../process/exec.js';
import { adoptRunning, startProcess } from '../process/supervisor.js';
import { waitFor } from '../process/wait.js';
import { repoRoot } from '../runtime/paths.js';
import { isStale } from './build-freshness.js';
import { buildContract, contractSources } from './contract.js';
import { databaseUri } from './database.js';
import { writeNetworkProfile } from './network-profile.js';
import { secret } from '../runtime/secrets.js';

export const gatewayProcessName = 'gateway';
const gatewayDir = path.join(repoRoot, 'gateway');

export const gatewayUrl = (config: NetworkConfig) =>
  `http://${config.services.gateway.host}:${config.services.gateway.port}`;

/** Compiles the gateway when its sources changed, starts it and waits until it answers. */
export async function startGateway(config: NetworkConfig, log: (message: string) => void) {
  const entry = path.join(gatewayDir, 'dist', 'server.js');
  const spec = {
    name: gatewayProcessName,
    command: process.execPath,
    args: [entry],
    cwd: gatewayDir,
    env: gatewayEnv(config),
  };
  if (adoptRunning(spec)) return;
  const sources = [path.join(gatewayDir, 'src'), path.join(gatewayDir, 'package.json')];
  if (isStale(entry, [...sources, ...contractSources])) {
    log('compiling the gateway');
    await buildContract();
    await run('npm', ['run', 'build', '--workspace', 'gateway'], {
      cwd: repoRoot,
      timeoutMs: 180_000,
    });
  }
  const started = startProcess(spec);
  await waitFor(
    `the gateway on ${gatewayUrl(config)}`,
    () => answersHttp(`${gatewayUrl(config)}/api/health`),
    {
      timeoutMs: 30_000,
      hint: `Check ${started.log}.`,
      process: started,
    },
  );
}

/** What the gateway (and its seeding command) reads: addresses, the profile, the master key. */
export function gatewayEnv(config: NetworkConfig): NodeJS.ProcessEnv {
  const { host, port } = config.services.gateway;
  return {
    ...process.env,
    NODE_ENV: 'production',
    HOST: host,
    PORT: String(port),
    MONGODB_URI: databaseUri(),
    PATREC_NETWORK_PROFILE: writeNetworkProfile(config),
    // Generated on first start into the ignored runtime folder; set it yourself in production.
    PATREC_MASTER_KEY: process.env.PATREC_MASTER_KEY ?? secret('gateway.masterKey', 32),
  };
}

/** True once the URL answers at all (a 503 from a health endpoint still means "listening"). */
export async function answersHttp(url: string) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}
