import type { ErrorBody } from '@patrec/contract';

/**
 * Forwards every /api/* request to the gateway, read from PATREC_GATEWAY_URL at request time
 * (not at build time, as next.config rewrites would be), so the browser talks to one origin:
 * its cookies are first-party and SameSite=Strict holds. Bodies, cookies, the CSRF header and
 * Server-Sent Events pass through unchanged; the gateway stays the only judge of a request.
 */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const defaultGateway = 'http://127.0.0.1:4000';

/** Request headers the gateway needs; everything else (hop-by-hop, host) stays here. */
const forwardedRequestHeaders = [
  'accept',
  'content-type',
  'cookie',
  'x-csrf-token',
  'x-request-id',
  'last-event-id',
  'user-agent',
];

/** Response headers that describe the connection to the gateway, not the answer. */
const droppedResponseHeaders = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'set-cookie',
]);

function gatewayUrl(request: Request): URL {
  const base = process.env.PATREC_GATEWAY_URL ?? defaultGateway;
  const { pathname, search } = new URL(request.url);
  return new URL(pathname + search, base);
}

async function forward(request: Request): Promise<Response> {
  const headers = new Headers();
  for (const name of forwardedRequestHeaders) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  // Undici would decompress for us but keep the header; asking for none keeps bytes honest.
  headers.set('accept-encoding', 'identity');

  const hasBody = !['GET', 'HEAD'].includes(request.method);
  let upstream: Response;
  try {
    upstream = await fetch(gatewayUrl(request), {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      cache: 'no-store',
      // Ends the gateway's event stream when the browser goes away.
      signal: request.signal,
    });
  } catch {
    return Response.json(
      {
        error: {
          code: 'UNAVAILABLE',
          message: 'the PatRec gateway does not answer; try again in a moment',
        },
      } satisfies ErrorBody,
      { status: 503, headers: { 'retry-after': '5' } },
    );
  }

  const responseHeaders = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!droppedResponseHeaders.has(name)) responseHeaders.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) {
    responseHeaders.append('set-cookie', cookie);
  }
  if (upstream.headers.get('content-type')?.startsWith('text/event-stream')) {
    // no-transform keeps Next's compression from buffering the stream.
    responseHeaders.set('cache-control', 'no-cache, no-transform');
    responseHeaders.set('x-accel-buffering', 'no');
  }
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeaders,
  });
}

export const GET = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
export const HEAD = forward;
export const OPTIONS = forward;
