import { hash, verify } from '@node-rs/argon2';
import { ApiError } from '../http/api-error.js';
import { ConcurrencyLimit } from '../shared/concurrency-limit.js';

// argon2id with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Argon2 runs take turns (four at once, 64 in line, the rest refused with 429), so a flood
 * of log-ins or sign-ups cannot take the threads and memory every other request needs.
 */
const passwordWork = new ConcurrencyLimit(4, {
  most: 64,
  full: () =>
    new ApiError(
      'RATE_LIMITED',
      'too many log-ins and sign-ups at once; try again in a moment',
      undefined,
      1,
    ),
});

export function hashPassword(password: string): Promise<string> {
  return passwordWork.run(() => hash(password, options));
}

export function verifyPassword(hashed: string, password: string): Promise<boolean> {
  return passwordWork.run(async () => {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  });
}
