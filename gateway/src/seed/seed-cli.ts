import pino from 'pino';
import { loadGatewayConfig } from '../config/gateway-config.js';
import { connectServices } from '../gateway-services.js';
import { seedDemoAccounts } from './demo-accounts.js';
import { seedDemoNetwork } from './demo-network.js';

/**
 * `node dist/seed/seed-cli.js`: creates missing demo accounts, seeds the demo network on a
 * database that has none, and prints all demo logins as JSON. Progress goes to stderr.
 */
const services = await connectServices(loadGatewayConfig(), pino({ level: 'silent' }));
const say = (message: string) => process.stderr.write(`${message}\n`);
try {
  const logins = await seedDemoAccounts(services);
  const began = Date.now();
  const made = await seedDemoNetwork(services, logins, say);
  if (made) {
    const took = ((Date.now() - began) / 1000).toFixed(1);
    say(
      `demo network: ${made.records} records, ${made.consents} consents, ${made.reads} reads added in ${took} s`,
    );
  }
  process.stdout.write(JSON.stringify(logins));
} finally {
  await services.close();
}
