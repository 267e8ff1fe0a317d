/** A logged-in person talking to the gateway over HTTP, as the web app does. */
export class HttpSession {
  #cookie = '';
  #csrf = '';

  constructor(readonly baseUrl: string) {}

  async login(login: string, password: string, totp?: string) {
    const response = await fetch(`${this.baseUrl}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password, ...(totp ? { totp } : {}) }),
    });
    const body = (await response.json()) as { csrfToken?: string; error?: { message: string } };
    if (!response.ok || !body.csrfToken) {
      throw new Error(`log-in of ${login} failed: ${body.error?.message ?? response.status}`);
    }
    this.#csrf = body.csrfToken;
    this.#cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  /** Sends a request; resolves to the JSON body, throwing with the API's message on failure. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        cookie: this.#cookie,
        'x-csrf-token': this.#csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = (text ? JSON.parse(text) : undefined) as T & { error?: { message: string } };
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${parsed?.error?.message ?? ''}`);
    return parsed;
  }
}
