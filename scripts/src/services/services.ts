import { databaseProcessName } from './database.js';

/** The processes around the ledger, in the order to stop them (clients first). */
export const serviceProcessNames = ['web', 'gateway', databaseProcessName];
