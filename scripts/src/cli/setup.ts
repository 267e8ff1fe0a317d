import { ensureBinaries } from '../toolchain/binaries.js';
import { Progress } from '../ui/progress.js';
import { runCli } from './run-cli.js';

/** Installs what PatRec runs without starting anything: the native binaries. */
runCli(async () => {
  const progress = new Progress('PatRec setup', 1);
  await progress.step('Native binaries', () => ensureBinaries((m) => progress.detail(m)));
});
