import type { NextConfig } from 'next';
import { securityHeaders } from './lib/content-security-policy';

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // On every answer; pages get their Content-Security-Policy from proxy.ts.
  headers: () =>
    Promise.resolve([
      {
        source: '/:path*',
        headers: Object.entries(securityHeaders).map(([key, value]) => ({ key, value })),
      },
    ]),
};

export default config;
