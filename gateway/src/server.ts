import pino from 'pino';
import { accountsRoutes } from './accounts/accounts-routes.js';
import { createApp } from './app.js';
import { ConfigError, loadGatewayConfig } from './config/gateway-config.js';
import { connectServices } from './gateway-services.js';
import { healthRoutes } from './health/health-routes.js';

const log = pino({ name: 'patrec-gateway' });

async function main() {
  const config = loadGatewayConfig();
  const services = await connectServices(config);
  const { db, ledger, sessions } = services;

  const app = createApp({
    routes: [
      ...healthRoutes([
        { name: 'database', check: async () => (await db.command({ ping: 1 })).ok === 1 },
        { name: 'ledger', check: () => ledger.reachable() },
      ]),
      ...accountsRoutes({
        accounts: services.accounts,
        store: services.store,
        sessions,
        masterKey: config.masterKey,
        secureCookies: config.secureCookies,
      }),
    ],
    sessions,
    log,
    version: process.env.npm_package_version ?? '0.1.0',
  });

  const purge = setInterval(() => void sessions.purgeExpired().catch(() => undefined), 10 * 60_000);
  const server = app.listen(config.port, config.host, () =>
    log.info({ host: config.host, port: config.port }, 'gateway listening'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      clearInterval(purge);
      server.close();
      void services.close().finally(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) log.fatal(error.message);
  else log.fatal({ err: error }, 'the gateway could not start');
  process.exit(1);
});
