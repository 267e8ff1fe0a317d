import pino from 'pino';
import { loadGatewayConfig } from '../config/gateway-config.js';
import { connectServices } from '../gateway-services.js';
import { seedDemoAccounts } from './demo-accounts.js';

/** `node dist/seed/seed-cli.js`: creates missing demo accounts and prints all of them as JSON. */
const services = await connectServices(loadGatewayConfig(), pino({ level: 'silent' }));
try {
  process.stdout.write(JSON.stringify(await seedDemoAccounts(services)));
} finally {
  await services.close();
}
