/** A refusal or failure the gateway answered, with its status and the body's error code. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly apiMessage: string,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

/** The body as JSON when it is JSON; a proxy's HTML error page is not. */
function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A logged-in person talking to the gateway over HTTP, as the web app does. */
export class HttpSession {
  #cookie = '';
  #csrf = '';

  constructor(readonly baseUrl: string) {}

  /** The session cookie, for clients that talk to the gateway outside `call` (SSE). */
  get cookie() {
    return this.#cookie;
  }

  /** Logs in; resolves to the answer's status. */
  async login(login: string, password: string, totp?: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password, ...(totp ? { totp } : {}) }),
    });
    const body = parseBody(await response.text()) as
      (ErrorBody & { csrfToken?: string }) | undefined;
    if (!response.ok || !body?.csrfToken) {
      const message = body?.error?.message ?? '';
      throw new ApiError(
        response.status,
        body?.error?.code,
        message,
        `log-in of ${login} failed: ${message || response.status}`,
      );
    }
    this.#csrf = body.csrfToken;
    this.#cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return response.status;
  }

  /** Sends a request; resolves to the JSON body, throwing with the API's message on failure. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.send<T>(method, path, body)).body;
  }

  /** Like `call`, but also says which success status the gateway answered. */
  async send<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...headers,
        cookie: this.#cookie,
        'x-csrf-token': this.#csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = parseBody(await response.text()) as (T & ErrorBody) | undefined;
    if (!response.ok) {
      const message = parsed?.error?.message ?? '';
      throw new ApiError(
        response.status,
        parsed?.error?.code,
        message,
        `${method} ${path}: ${response.status} ${message}`,
      );
    }
    return { status: response.status, body: parsed as T };
  }
}
