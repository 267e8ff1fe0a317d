/**
 * The Content-Security-Policy of every page: scripts and styles only from this origin and
 * with this response's nonce (Next.js puts it on its own script tags), nothing framed or
 * framing, no plugins, forms and fetches to this origin only. Images may be data: (the
 * authenticator QR code) and blob: (a patient's uploaded scans, opened in the browser).
 */
export function contentSecurityPolicy(nonce: string, https: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Headers every answer of the web app carries, pages or not. */
export const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
} as const;
