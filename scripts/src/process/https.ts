import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { Endpoint } from '../config/network-config.js';

export interface HttpsTarget extends Endpoint {
  /** PEM file of the CA that signed the server's TLS certificate. */
  caFile: string;
  /** Name in the server certificate to check against (connections go to an IP). */
  servername: string;
  /** A client certificate and key (PEM files), for endpoints that require one. */
  client?: { cert: string; key: string };
}

/** GET over TLS that trusts only the given CA; resolves to status and body, never rejects. */
export function httpsGet(
  target: HttpsTarget,
  urlPath: string,
  timeoutMs = 2000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = https.get(
      {
        host: target.host,
        port: target.port,
        path: urlPath,
        ca: readFileSync(target.caFile),
        servername: target.servername,
        ...(target.client
          ? { cert: readFileSync(target.client.cert), key: readFileSync(target.client.key) }
          : {}),
        timeout: timeoutMs,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', (error) => resolve({ status: 0, body: error.message }));
    request.on('timeout', () => request.destroy(new Error('timed out')));
  });
}
