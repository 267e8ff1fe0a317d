import { databaseProcessName } from './database.js';
import { gatewayProcessName } from './gateway.js';
import { webProcessName } from './web.js';

/** The processes around the ledger, in the order to stop them (clients first). */
export const serviceProcessNames = [webProcessName, gatewayProcessName, databaseProcessName];
