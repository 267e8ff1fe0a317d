import { setTimeout as sleep } from 'node:timers/promises';
import type { LedgerEvent } from '@patrec/contract';

export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
}

/** Splits the complete Server-Sent Events messages off a buffer; `rest` is the unfinished tail. */
export function takeSseMessages(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  let rest = buffer.replace(/\r\n?/g, '\n');
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const message: SseMessage = {};
    for (const line of rest.slice(0, end).split('\n')) {
      // Lines starting with ':' are comments (the gateway's "connected" and keep-alives).
      const match = /^(id|event|data): ?(.*)$/.exec(line);
      if (!match) continue;
      const [, field, value = ''] = match;
      if (field === 'data')
        message.data = message.data === undefined ? value : `${message.data}\n${value}`;
      else if (field === 'id' || field === 'event') message[field] = value;
    }
    messages.push(message);
    rest = rest.slice(end + 2);
  }
  return { messages, rest };
}

/**
 * A browser's GET /api/events, held open with a person's session cookie. It reconnects with
 * Last-Event-ID when the gateway drops it (a restart), as EventSource does, and hands every
 * event to `onEvent` with the moment it arrived.
 */
export class EventStreamClient {
  readonly #abort = new AbortController();
  #lastEventId: string | undefined;
  #running: Promise<void> | undefined;
  reconnects = 0;

  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly onEvent: (event: LedgerEvent, receivedAt: number) => void,
  ) {}

  /** Resolves once the gateway has registered the stream (its ": connected" comment). */
  async open(timeoutMs = 15_000) {
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`GET /api/events did not connect within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#running = this.#run(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      await ready;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close() {
    this.#abort.abort();
    await this.#running;
  }

  async #run(connected: () => void) {
    while (!this.#abort.signal.aborted) {
      try {
        await this.#readOnce(connected);
      } catch {
        // Dropped or refused: try again below, as a browser would.
      }
      if (this.#abort.signal.aborted) return;
      this.reconnects += 1;
      await sleep(1000, undefined, { signal: this.#abort.signal }).catch(() => undefined);
    }
  }

  async #readOnce(connected: () => void) {
    const response = await fetch(`${this.baseUrl}/api/events`, {
      headers: {
        cookie: this.cookie,
        accept: 'text/event-stream',
        ...(this.#lastEventId ? { 'last-event-id': this.#lastEventId } : {}),
      },
      signal: this.#abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`GET /api/events: ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      const receivedAt = performance.now();
      buffer += decoder.decode(chunk, { stream: true });
      if (buffer.includes(': connected')) connected();
      const { messages, rest } = takeSseMessages(buffer);
      buffer = rest;
      for (const message of messages) {
        if (message.id) this.#lastEventId = message.id;
        if (message.event && message.data)
          this.onEvent(JSON.parse(message.data) as LedgerEvent, receivedAt);
      }
    }
  }
}
