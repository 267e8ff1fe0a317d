/**
 * Runs a command's body and turns failures into a message and exit code 1. Errors from
 * PatRec's tools already say what went wrong and what to do; only a real bug prints a stack.
 */
export function runCli(body: () => Promise<void>) {
  body().then(
    () => process.exit(0),
    (error: unknown) => {
      const known = error instanceof Error && error.name !== 'Error' && error.name !== 'TypeError';
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`\n✗ ${known ? message : ((error as Error).stack ?? message)}\n`);
      process.exit(1);
    },
  );
}
