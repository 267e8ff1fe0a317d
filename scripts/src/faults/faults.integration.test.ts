import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { repoRoot } from '../runtime/paths.js';

/**
 * The short fault run inside `npm test`: a minute of mixed load while the gateway and then the
 * database are SIGKILLed and the watchdog brings them back. `npm run test:faults` runs the
 * full five minutes, the Raft leader, a peer and the web included.
 */
describe('the fault suite, short (integration)', function () {
  this.timeout(600_000);

  it('loses, corrupts and misses nothing while the gateway and the database are killed', async () => {
    const args = ['--minutes', '1', '--interval', '25', '--faults', 'gateway,database'];
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/src/cli/faults.ts', ...args],
      { cwd: repoRoot, timeout: 540_000, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(stdout).to.match(
      /PASSED: nothing lost or wrong, every service answered again within 10 s/,
    );
  });
});
