import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'PatRec', template: '%s · PatRec' },
  description: 'Your health records, your decision: who reads them, and for how long.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Rendered per request, so each page's scripts carry the nonce of its own
// Content-Security-Policy (proxy.ts).
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
