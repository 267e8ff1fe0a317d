import { ledgerEvent, mayReceiveEvent, type LedgerEvent } from '@patrec/contract';
import { route, type Route } from '../http/route.js';
import type { LedgerEventListener } from './event-listener.js';
import type { EventStore } from './event-store.js';

const keepAliveMs = 20_000;

/**
 * GET /api/events: Server-Sent Events of what happens on the ledger to the logged-in person
 * (a new request, a grant, an emergency access, a read of their record). A browser that
 * reconnects sends Last-Event-ID and first receives what it missed.
 */
export function eventsRoutes(
  listener: LedgerEventListener,
  store: EventStore,
  mspOf: (hospital: string) => string,
): Route[] {
  return [
    route({
      method: 'get',
      path: '/events',
      summary: 'Live ledger events that concern me (text/event-stream; Last-Event-ID resumes)',
      tag: 'events',
      access: 'authenticated',
      response: ledgerEvent,
      stream: 'text/event-stream',
      handler: async ({ session, request, response }) => {
        const viewer = {
          role: session!.role,
          id: session!.userId,
          mspId: mspOf(session!.hospital),
        };
        response.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        const send = (event: LedgerEvent) => {
          // Who sees what follows the ledger's read rules (the contract's one definition).
          if (!mayReceiveEvent(event.name, event.ids, viewer)) return;
          response.write(
            `id: ${event.seq}\nevent: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`,
          );
        };
        response.write(': connected\n\n');
        const lastSeen = Number(request.get('last-event-id') ?? Number.NaN);
        if (Number.isSafeInteger(lastSeen) && lastSeen >= 0) {
          for (const missed of await store.after(lastSeen)) send(missed);
        }
        listener.on('event', send);
        const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs);
        await new Promise((resolve) => request.once('close', resolve));
        clearInterval(keepAlive);
        listener.off('event', send);
      },
    }),
  ];
}
