import { execFile } from 'node:child_process';
import { createInterface } from 'node:readline';
import { redactSecrets } from '../runtime/secrets.js';

export interface ExecOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Milliseconds before the command is killed; every call has one. */
  timeoutMs?: number;
  /** Told each line the command writes to stderr as it comes (its progress). */
  onStderrLine?: (line: string) => void;
}

/** A command that failed, with enough of its output to act on (secrets replaced). */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
    timedOut: boolean,
  ) {
    super(
      timedOut
        ? `${command} did not finish in time`
        : `${command} failed (exit ${exitCode ?? 'signal'}):\n${lastLines(output, 15)}`,
    );
  }
}

/** Runs a command to completion and returns its stdout; stderr joins the error on failure. */
export function run(command: string, args: string[], options: ExecOptions = {}): Promise<string> {
  const shown = [command.split('/').pop(), ...args.slice(0, 3)].join(' ');
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      {
        env: options.env ?? process.env,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const timedOut = error.killed === true && error.signal === 'SIGTERM';
        const code = typeof error.code === 'number' ? error.code : null;
        const output = redactSecrets(`${stdout}\n${stderr}`.trim() || error.message);
        reject(new CommandError(shown, code, output, timedOut));
      },
    );
    const { onStderrLine } = options;
    if (onStderrLine && child.stderr) {
      createInterface({ input: child.stderr }).on('line', (line) => line && onStderrLine(line));
    }
  });
}

export function lastLines(text: string, count: number) {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
