import { ledgerEvent, mayReceiveEvent, type LedgerEvent } from '@patrec/contract';
import type { SessionStore } from '../accounts/session-store.js';
import { route, type Route } from '../http/route.js';
import type { LedgerEventListener } from './event-listener.js';
import { StreamLifetime } from './stream-lifetime.js';

const keepAliveMs = 20_000;

/**
 * GET /api/events: Server-Sent Events of what happens on the ledger to the logged-in person
 * (a new request, a grant, an emergency access, a read of their record). A browser that
 * reconnects sends Last-Event-ID and first receives what it missed. The stream ends with the
 * session: at log-out, at expiry, or when the doctor is suspended (seen in their own
 * DoctorSuspended, or in the end of their sessions that the suspension brings).
 */
export function eventsRoutes(
  listener: LedgerEventListener,
  sessions: SessionStore,
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
        const lifetime = new StreamLifetime(session!, request, sessions);
        let lastSent = -1;
        const send = (event: LedgerEvent) => {
          // Seqs only grow: one seen in the replay and live too is sent once.
          if (event.seq <= lastSent) return;
          lastSent = event.seq;
          // Who sees what follows the ledger's read rules (the contract's one definition).
          if (!mayReceiveEvent(event.name, event.ids, viewer)) return;
          response.write(
            `id: ${event.seq}\nevent: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`,
          );
          if (event.name === 'DoctorSuspended' && event.ids.doctorId === viewer.id) {
            lifetime.end('suspended');
          }
        };
        response.write(': connected\n\n');
        // Live events wait while the missed ones are replayed, so none falls in between.
        const arrived: LedgerEvent[] = [];
        const hold = (event: LedgerEvent) => arrived.push(event);
        listener.on('event', hold);
        const lastSeen = Number(request.get('last-event-id') ?? Number.NaN);
        if (Number.isSafeInteger(lastSeen) && lastSeen >= 0) {
          lastSent = lastSeen;
          for (const missed of await listener.replay(lastSeen)) send(missed);
        }
        listener.off('event', hold);
        arrived.forEach(send);
        listener.on('event', send);
        const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs);
        await lifetime.ended;
        clearInterval(keepAlive);
        listener.off('event', send);
        response.end();
      },
    }),
  ];
}
