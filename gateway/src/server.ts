import pino from 'pino';
import { apiRoutes } from './api-routes.js';
import { createApp } from './app.js';
import { ConfigError, loadGatewayConfig } from './config/gateway-config.js';
import { connectServices } from './gateway-services.js';
import { reconcilePending } from './records/reconciler.js';

const log = pino({ name: 'patrec-gateway' });
/**
 * A staged version is kept as soon as the ledger is seen to hold its hash (a few seconds after
 * its write, which may still be finishing it itself), and dropped only long after every
 * deadline of its write, when its transaction can no longer commit.
 */
const reconcileAges = { commitAfterMs: 5_000, rollBackAfterMs: 2 * 60_000 };

async function main() {
  const config = loadGatewayConfig();
  const services = await connectServices(config, log);
  services.listener.start();
  const prune = setInterval(() => {
    void services.events.prune().catch(() => undefined);
    void services.records.store.writes.prune().catch(() => undefined);
  }, 3600_000);
  const { sessions } = services;
  const app = createApp({
    routes: apiRoutes(services, config),
    sessions,
    log,
    version: process.env.npm_package_version ?? '0.1.0',
  });

  // Repairs what a crash left between storing a write and committing it, now and every 10 s.
  let reconciling: Promise<unknown> | undefined;
  const reconcile = () =>
    (reconciling ??= Promise.all([
      reconcilePending(
        services.records.store,
        services.ledger,
        services.auditor,
        log,
        reconcileAges,
      ),
      // At start every receipt was left by the process before; later, batches still on
      // their way (settled within orderUntilKnown's 10 s) are left alone.
      services.reads.resendReceipts(started ? 15_000 : 0),
    ])
      .catch((error: unknown) =>
        log.warn({ err: error }, 'reconciling pending writes failed; will retry'),
      )
      .finally(() => (reconciling = undefined)));
  let started = false;
  await reconcile();
  started = true;
  void services.records
    .migrateTitles()
    .then((made) => {
      if (made > 0) log.info({ made }, 'titles made for versions stored before titles');
    })
    .catch((error: unknown) =>
      log.warn({ err: error }, 'making titles for older versions failed; will retry at start'),
    );
  const repair = setInterval(() => void reconcile(), 10_000);
  // Expired sessions, spent authenticator steps and ended lockout windows.
  const purge = setInterval(() => {
    void sessions.purgeExpired().catch(() => undefined);
    void services.store.sweepSpentSecrets().catch(() => undefined);
  }, 10 * 60_000);
  const server = app.listen(config.port, config.host, () =>
    log.info({ host: config.host, port: config.port }, 'gateway listening'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      clearInterval(purge);
      clearInterval(repair);
      clearInterval(prune);
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
