import { setTimeout as sleep } from 'node:timers/promises';
import type { ResponseTally } from '../bench/response-tally.js';
import type { ReadOutcome } from './fault-tally.js';
import { tagOf } from './tagged-content.js';

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { problem?: string } };
}

/**
 * What an answer to GET /api/records/:id means for the check: the content's tag, not found,
 * an integrity refusal with its problem (the `details` HttpSession does not keep), or a
 * failure. `status` 0 is no answer at all.
 */
export function classifyRead(status: number, body: unknown): ReadOutcome {
  const error = (body as ErrorBody | undefined)?.error;
  if (status === 200)
    return { kind: 'content', tag: tagOf((body as { content?: unknown }).content) };
  if (status === 404) return { kind: 'not-found' };
  if (status === 409 && error?.code === 'INTEGRITY')
    return { kind: 'integrity', problem: error.details?.problem ?? 'unknown' };
  const detail = `${status || 'no answer'} ${error?.code ?? ''} ${error?.message ?? ''}`.trim();
  if (status === 0 || status >= 500 || status === 409) return { kind: 'unavailable', detail };
  return { kind: 'refused', status, detail };
}

const parse = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** Reads a record with a session's cookie (a GET needs no CSRF token), counting the answer. */
export async function readRecord(
  gatewayUrl: string,
  cookie: string,
  recordId: string,
  tally: ResponseTally,
  operation: string,
): Promise<ReadOutcome> {
  let status = 0;
  let body: unknown;
  try {
    const response = await fetch(`${gatewayUrl}/api/records/${recordId}`, {
      headers: { cookie },
      signal: AbortSignal.timeout(60_000),
    });
    status = response.status;
    body = parse(await response.text());
  } catch (error) {
    body = { error: { message: error instanceof Error ? error.message : String(error) } };
  }
  const outcome = classifyRead(status, body);
  const error = (body as ErrorBody | undefined)?.error;
  tally.count(operation, status, { code: error?.code, message: error?.message ?? '' });
  return outcome;
}

/** Reads until the answer is not a failure of the moment (5xx, no answer), for up to `forMs`. */
export async function readRecordPatiently(
  read: () => Promise<ReadOutcome>,
  forMs: number,
  pauseMs = 1000,
): Promise<ReadOutcome> {
  const deadline = performance.now() + forMs;
  for (;;) {
    const outcome = await read();
    if (outcome.kind !== 'unavailable' || performance.now() >= deadline) return outcome;
    await sleep(pauseMs);
  }
}
