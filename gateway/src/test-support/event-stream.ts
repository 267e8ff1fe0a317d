import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Person } from './people.js';

/** Opens GET /api/events as the person and collects the events it receives. */
export async function openEventStream(app: Express, person: Person) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const received: { name: string; data: { ids: Record<string, string | null> } }[] = [];
  const request = http.get({
    host: '127.0.0.1',
    port,
    path: '/api/events',
    headers: { cookie: person.cookie },
  });
  const response = await new Promise<http.IncomingMessage>((resolve) =>
    request.once('response', resolve),
  );
  // Resolves when the gateway ends the stream (not when the test closes it).
  const ended = new Promise<void>((resolve) => response.once('end', resolve));
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.*)$/m.exec(message)?.[1];
      const data = /^data: (.*)$/m.exec(message)?.[1];
      if (name && data)
        received.push({ name, data: JSON.parse(data) as (typeof received)[0]['data'] });
    }
  });
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    received,
    ended,
    /** Resolves with the first event that matches, or rejects after `timeoutMs`. */
    async next(match: (e: (typeof received)[0]) => boolean, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = received.find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(
        `no matching event within ${timeoutMs} ms; got ${received.map((e) => e.name).join(', ')}`,
      );
    },
    close() {
      request.destroy();
      server.close();
    },
  };
}
