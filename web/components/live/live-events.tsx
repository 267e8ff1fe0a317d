'use client';

import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { LedgerEvent, LedgerEventName } from '@patrec/contract';
import { isLedgerEventName, LEDGER_EVENT_NAMES } from '@patrec/contract/core';

/** live: the event stream is open; connecting: (re)opening it; polling: it is unavailable. */
export type LiveStatus = 'connecting' | 'live' | 'polling';

const pollMs = 15_000;
const reopenMs = 30_000;

/** Hears each ledger event; null means "look again": the stream is down and a poll is due. */
type Listener = (event: LedgerEvent | null) => void;

interface LiveValue {
  status: LiveStatus;
  subscribe: (listener: Listener) => () => void;
}

const LiveContext = createContext<LiveValue>({ status: 'polling', subscribe: () => () => {} });

/** An event's data as the gateway sends it; anything else is dropped, not guessed at. */
function parseEvent(data: string): LedgerEvent | undefined {
  try {
    const event = JSON.parse(data) as Partial<LedgerEvent> | null;
    if (typeof event?.name !== 'string' || !isLedgerEventName(event.name)) return undefined;
    if (typeof event.ids !== 'object' || event.ids === null) return undefined;
    return event as LedgerEvent;
  } catch {
    return undefined;
  }
}

/**
 * One Server-Sent Events stream per portal, shared by every view in it. When the gateway
 * offers no stream, views are told to refresh every 15 s instead, and the header says so.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    let source: EventSource | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const emit = (event: LedgerEvent | null) => {
      for (const listener of listeners.current) listener(event);
    };

    const open = () => {
      source = new EventSource('/api/events');
      source.onopen = () => {
        setStatus('live');
        if (poll) clearInterval(poll);
        poll = undefined;
      };
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) {
          setStatus('connecting');
          return;
        }
        // Refused (no such endpoint, logged out): poll, and try the stream again later.
        setStatus('polling');
        poll ??= setInterval(() => emit(null), pollMs);
        reopen = setTimeout(open, reopenMs);
      };
      for (const name of LEDGER_EVENT_NAMES) {
        source.addEventListener(name, (message) => {
          const event = parseEvent((message as MessageEvent<string>).data);
          if (event) emit(event);
        });
      }
    };
    open();
    return () => {
      source?.close();
      if (poll) clearInterval(poll);
      if (reopen) clearTimeout(reopen);
    };
  }, []);

  const value = useMemo<LiveValue>(
    () => ({
      status,
      subscribe: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [status],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export const useLiveStatus = () => useContext(LiveContext).status;

/**
 * Calls `onEvent` for each ledger event named in `names` (and with null on each poll when
 * the stream is unavailable). The latest `onEvent` is used, so it may close over state.
 */
export function useLedgerEvents(names: readonly LedgerEventName[], onEvent: Listener) {
  const { subscribe } = useContext(LiveContext);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = names.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    return subscribe((event) => {
      if (event === null || wanted.has(event.name)) handler.current(event);
    });
  }, [subscribe, key]);
}
