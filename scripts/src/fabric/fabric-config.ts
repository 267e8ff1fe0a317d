import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../runtime/paths.js';
import { fabricSampleConfigDir } from '../toolchain/binaries.js';

/**
 * The folder given to peers, orderers and the peer CLI as FABRIC_CFG_PATH: Fabric's own
 * default core.yaml and orderer.yaml, which PatRec overrides setting by setting through
 * CORE_* and ORDERER_* variables. Taken from FABRIC_BIN's release layout (../config) or
 * from the Fabric module the binaries were built from.
 */
export async function ensureFabricConfigDir(): Promise<string> {
  const dir = path.join(paths.config, 'fabric');
  const files = ['core.yaml', 'orderer.yaml'];
  if (files.every((f) => existsSync(path.join(dir, f)))) return dir;
  const release = process.env.FABRIC_BIN && path.join(process.env.FABRIC_BIN, '..', 'config');
  const source =
    release && files.every((f) => existsSync(path.join(release, f)))
      ? release
      : await fabricSampleConfigDir();
  mkdirSync(dir, { recursive: true });
  for (const file of files) copyFileSync(path.join(source, file), path.join(dir, file));
  return dir;
}
