import net from 'node:net';
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { createApp } from './app.js';
import { healthRoutes } from './health/health-routes.js';

const log = pino({ name: 'patrec-gateway' });

/** Configuration read once at start, failing with what to set. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    log.fatal(`${name} is not set; npm start sets it from network/network.json`);
    process.exit(1);
  }
  return value;
}

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4000);
const mongo = new MongoClient(required('MONGODB_URI'), { serverSelectionTimeoutMS: 2000 });
const [peerHost, peerPort] = required('PATREC_PEER_ENDPOINT').split(':');

const checks = healthRoutes([
  {
    name: 'database',
    check: async () => (await mongo.db('admin').command({ ping: 1 })).ok === 1,
  },
  // Until the gateway holds its own Fabric connection, reachability of its hospital's peer.
  { name: 'ledger', check: () => canConnect(peerHost ?? '127.0.0.1', Number(peerPort)) },
]);
const app = createApp({
  routes: checks,
  sessions: { fromRequest: () => Promise.resolve(undefined) },
  log,
  version: process.env.npm_package_version ?? '0.1.0',
});

const server = app.listen(port, host, () => log.info({ host, port }, 'gateway listening'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void mongo.close().finally(() => process.exit(0));
  });
}

function canConnect(targetHost: string, targetPort: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: targetHost, port: targetPort });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
