import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../runtime/paths.js';
import { describeRestarts } from './restart-policy.js';

/** Left by the watchdog when it stopped restarting a process; `npm start` clears it. */
export interface GaveUpMarker {
  name: string;
  /** When the watchdog gave up (ISO 8601). */
  at: string;
  restarts: number;
  windowMs: number;
  /** The pid that died last. */
  pid: number;
  log: string;
}

const suffix = '.gave-up.json';

export function writeGaveUp(marker: GaveUpMarker) {
  writeFileSync(paths.gaveUpFile(marker.name), JSON.stringify(marker, null, 2));
}

export function readGaveUp(name: string): GaveUpMarker | undefined {
  try {
    const marker = JSON.parse(readFileSync(paths.gaveUpFile(name), 'utf8')) as unknown;
    return isMarker(marker) && marker.name === name ? marker : undefined;
  } catch {
    return undefined;
  }
}

/** Every process the watchdog gave up on, by name. */
export function gaveUpMarkers(): GaveUpMarker[] {
  return runFolder()
    .filter((entry) => entry.endsWith(suffix))
    .map((entry) => readGaveUp(entry.slice(0, -suffix.length)))
    .filter((marker) => marker !== undefined);
}

export function clearGaveUp(name: string) {
  rmSync(paths.gaveUpFile(name), { force: true });
}

/** What `npm start` does first: every process gets its restarts again. */
export function clearAllGaveUp() {
  for (const entry of runFolder().filter((e) => e.endsWith(suffix))) {
    rmSync(path.join(paths.pids, entry), { force: true });
  }
}

/** What `npm run status` says after DOWN. */
export const keptDying = (marker: GaveUpMarker) =>
  `kept dying (${describeRestarts(marker.restarts, marker.windowMs)}), see ${marker.log}; ` +
  'fix it and run npm start';

function runFolder(): string[] {
  try {
    return readdirSync(paths.pids);
  } catch {
    return [];
  }
}

function isMarker(value: unknown): value is GaveUpMarker {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.name === 'string' &&
    typeof m.at === 'string' &&
    typeof m.restarts === 'number' &&
    typeof m.windowMs === 'number' &&
    typeof m.pid === 'number' &&
    typeof m.log === 'string'
  );
}
