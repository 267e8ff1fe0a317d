'use client';

import QRCode from 'qrcode';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * An authenticator secret, shown once: as a QR code to scan, the secret to type, and the
 * otpauth link for a phone. The QR code is drawn here, in the browser, so the secret never
 * leaves it for an image service.
 */
export function TotpEnrolment({
  secret,
  uri,
  children,
}: {
  secret: string;
  uri: string;
  /** What the person is asked to do with it, above the code. */
  children: ReactNode;
}) {
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    let current = true;
    void QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => current && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
    );
    return () => {
      current = false;
    };
  }, [uri]);
  return (
    <section className="totp" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Add PatRec to your authenticator app</h2>
      {children}
      <div className="totp-codes">
        {qr ? (
          <img
            className="totp-qr"
            src={qr}
            width={176}
            height={176}
            alt="QR code of the authenticator secret: scan it with your authenticator app"
            data-testid="totp-qr"
          />
        ) : null}
        <dl className="facts">
          <dt>Secret</dt>
          <dd>
            <code data-testid="totp-secret" aria-label="Authenticator secret">
              {secret}
            </code>
          </dd>
          <dt>Set-up link</dt>
          <dd>
            <a href={uri} data-testid="totp-uri">
              Open in an authenticator app
            </a>
            <details>
              <summary>Show the link as text</summary>
              <code className="wrap">{uri}</code>
            </details>
          </dd>
        </dl>
      </div>
    </section>
  );
}
