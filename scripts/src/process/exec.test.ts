import { expect } from 'chai';
import { secret } from '../runtime/secrets.js';
import { useTemporaryRuntimeFolder } from '../runtime/temporary-runtime-folder.js';
import { CommandError, run } from './exec.js';

describe('running a command', () => {
  useTemporaryRuntimeFolder('exec');

  it('says why a command failed, with every generated secret in its output replaced', async () => {
    const password = secret('ca.test.admin');
    const failing = run('/bin/sh', ['-c', 'echo "enroll as admin:$PASSWORD refused" >&2; exit 3'], {
      env: { ...process.env, PASSWORD: password },
    });
    const error = await failing.then(
      () => expect.fail('the command failed'),
      (thrown: unknown) => thrown,
    );
    expect(error).to.be.instanceOf(CommandError);
    const { message, output, exitCode } = error as CommandError;
    expect(exitCode).to.equal(3);
    expect(message).to.contain('enroll as admin:[secret] refused');
    expect(`${message}\n${output}`).not.to.contain(password);
  });
});
