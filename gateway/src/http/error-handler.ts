import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ApiError } from './api-error.js';

/** Body-parser's errors carry a status and a type; map them to the API's codes. */
function fromBodyParser(error: { status?: number; type?: string }): ApiError | undefined {
  if (error.type === 'entity.too.large') {
    return new ApiError(
      'PAYLOAD_TOO_LARGE',
      'the request body is larger than this endpoint accepts',
    );
  }
  if (error.type === 'entity.parse.failed') {
    return new ApiError('INVALID_ARGUMENT', 'the request body is not valid JSON');
  }
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return new ApiError('INVALID_ARGUMENT', 'the request could not be read');
  }
  return undefined;
}

/** The driver's errors when the database cannot be reached (or stops answering). */
function fromDatabase(error: unknown): ApiError | undefined {
  const name = (error as { name?: string }).name ?? '';
  if (
    /^Mongo(ServerSelection|Network|NetworkTimeout|TopologyClosed|NotConnected)Error$/.test(name)
  ) {
    return new ApiError(
      'UNAVAILABLE',
      'the record database is not reachable right now',
      undefined,
      5,
    );
  }
  return undefined;
}

/** The one place errors become responses: the API's error shape, never a stack trace. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const known =
      error instanceof ApiError
        ? error
        : (fromDatabase(error) ?? fromBodyParser(error as { status?: number; type?: string }));
    const apiError = known ?? new ApiError('INTERNAL', 'something went wrong on our side');
    if (!known) log.error({ err: error, requestId: request.id }, 'unhandled error');
    else if (apiError.status === 500) {
      log.error({ err: apiError.cause ?? apiError, requestId: request.id }, apiError.message);
    }
    if (apiError.retryAfter !== undefined) response.set('Retry-After', String(apiError.retryAfter));
    response.status(apiError.status).json(apiError.toBody());
  };
}
