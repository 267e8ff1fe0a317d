import { randomInt } from 'node:crypto';
import pino from 'pino';
import { apiRoutes } from '../api-routes.js';
import { createApp } from '../app.js';
import { loadGatewayConfig } from '../config/gateway-config.js';
import { connectServices, type GatewayServices } from '../gateway-services.js';

/**
 * The real gateway app on the real network and database, in-process, with a database of its
 * own (dropped afterwards) so tests neither see nor leave demo data. Integration tests run
 * with the environment `npm start` gives the gateway (scripts/src/cli/test-integration.ts).
 */
export async function integrationApp({ monitorCommands = false } = {}) {
  const config = loadGatewayConfig();
  config.databaseName = `patrec_test_${randomInt(1e9).toString(36)}`;
  const services: GatewayServices = await connectServices(
    config,
    pino({ level: 'silent' }),
    `test-${config.databaseName}`,
    monitorCommands,
  );
  // Start this database's IDs far from those of the demo database: IDs are network-wide.
  const offset = randomInt(1e6, 1e9);
  await services.db
    .collection<{ _id: string; last: number }>('idCounters')
    .insertMany(['PAT', 'DOC', 'ADM', 'AUD'].map((prefix) => ({ _id: prefix, last: offset })));
  const app = createApp({
    routes: apiRoutes(services, { ...config, secureCookies: false }),
    sessions: services.sessions,
    log: pino({ level: 'silent' }),
    version: 'test',
    // Every answer the integration tests get is checked against its route's schema.
    checkResponses: true,
  });
  return {
    app,
    services,
    close: async () => {
      await services.db.dropDatabase();
      await services.close();
    },
  };
}
