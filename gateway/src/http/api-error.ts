import {
  API_ERROR_STATUS,
  type ApiErrorCode,
  type ErrorBody,
  type ErrorDetails,
} from '@patrec/contract';

export type { ErrorBody };

/** An error meant for the client: its message is safe to show and says what was wrong. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    /** Seconds the client should wait before retrying (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  get status(): number {
    return API_ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}
