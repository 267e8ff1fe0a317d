import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Gives the enclosing mocha suite a runtime folder of its own (PATREC_HOME, read by every
 * runtime path when used), removed afterwards with the previous setting restored. `cleanUp`
 * runs first, while the folder still exists.
 */
export function useTemporaryRuntimeFolder(prefix: string, cleanUp?: () => Promise<void>) {
  const home = mkdtempSync(path.join(os.tmpdir(), `patrec-${prefix}-`));
  const previousHome = process.env.PATREC_HOME;
  before(() => (process.env.PATREC_HOME = home));
  after(async () => {
    await cleanUp?.();
    process.env.PATREC_HOME = previousHome;
    if (previousHome === undefined) delete process.env.PATREC_HOME;
    rmSync(home, { recursive: true, force: true });
  });
  return home;
}
