import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from './lib/content-security-policy';

/**
 * Runs before every page: a fresh nonce per response for the Content-Security-Policy. Next.js
 * reads the policy from the request headers to put the nonce on its scripts, so the root
 * layout renders every page per request (a prerendered page would carry a stale nonce).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  // Behind a TLS-terminating proxy the request arrives as http: the public URL says.
  const https = (process.env.PATREC_PUBLIC_URL ?? request.nextUrl.origin).startsWith('https:');
  const policy = contentSecurityPolicy(nonce, https);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Pages only: the API answers with the gateway's own headers, build files never change.
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)' }],
};
