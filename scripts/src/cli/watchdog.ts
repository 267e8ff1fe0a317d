import { Watchdog } from '../process/watchdog.js';

/**
 * The watchdog process `npm start` leaves running (not a command of its own): restarts any
 * PatRec process that dies, logging why to .patrec/logs/watchdog.log (its stdout).
 */
const watchdog = new Watchdog();

// Handled, so a stop ends it between two looks, never in the middle of a restart (which
// would leave a process without its pid file).
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    watchdog.stop();
    console.log(`${new Date().toISOString()} stopped (${signal})`);
    process.exit(0);
  });
}

watchdog.start();
