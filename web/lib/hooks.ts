'use client';

import type { Page } from '@patrec/contract';
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping what is shown until the new answer arrives. */
  reload: () => void;
}

/** Loads data for a view; a newer load wins over an older one still under way. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    latest.current().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current && setState((previous) => ({ ...previous, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export interface Action {
  busy: boolean;
  error: unknown;
  /** Runs the action once at a time; resolves with its result, or undefined when it failed. */
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
}

/** The state of one button or form that waits for the ledger. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const running = useRef(false);
  const run = useCallback(async <T>(action: () => Promise<T>) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}

export interface Pages<T> {
  /** The items of the pages loaded so far, in the list's order; undefined before the first. */
  items: T[] | undefined;
  /** True while the list goes on past what is loaded. */
  more: boolean;
  /** The first page (or a reload) is under way. */
  loading: boolean;
  error: unknown;
  /** Reads the next page and adds it to what is shown. */
  loadMore: () => void;
  loadingMore: boolean;
  moreError: unknown;
  /** Loads again as many pages as are shown, so a live change keeps what was loaded. */
  reload: () => void;
}

/**
 * A list read a page at a time: the first page at once, the next one on `loadMore`. A newer
 * load wins over an older one still under way; a change of `deps` starts at page one again.
 */
export function usePages<T>(
  fetchPage: (bookmark: string) => Promise<Page<T>>,
  deps: DependencyList,
): Pages<T> {
  const [state, setState] = useState<{ pages?: Page<T>[]; error?: unknown; loading: boolean }>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(fetchPage);
  latest.current = fetchPage;
  const wanted = useRef(1);
  // Which load the shown pages come from, and the list it read: a next page asked for under
  // an older load is dropped, answer or failure.
  const epoch = useRef(0);
  const source = useRef(fetchPage);
  const more = useAction();

  useEffect(() => {
    // Another list: its first page, and nothing of the last one meanwhile (its bookmarks
    // belong to that list).
    wanted.current = 1;
    setState({ loading: true });
  }, deps);

  useEffect(() => {
    let current = true;
    epoch.current += 1;
    const fetchList = latest.current;
    source.current = fetchList;
    setState((previous) => ({ ...previous, loading: true }));
    const load = async () => {
      const pages: Page<T>[] = [];
      let bookmark = '';
      do {
        const page = await fetchList(bookmark);
        pages.push(page);
        bookmark = page.bookmark;
      } while (bookmark && pages.length < wanted.current);
      return pages;
    };
    load().then(
      (pages) => current && setState({ pages, loading: false }),
      (error: unknown) =>
        current && setState((previous) => ({ ...previous, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);

  const bookmark = state.pages?.at(-1)?.bookmark ?? '';
  const { run } = more;
  const loadMore = useCallback(() => {
    if (!bookmark) return;
    const asked = epoch.current;
    const fetchList = source.current;
    void run(async () => {
      const page = await fetchList(bookmark).catch((error: unknown) => {
        if (asked === epoch.current) throw error;
        return undefined;
      });
      if (!page || asked !== epoch.current) return;
      setState((previous) => {
        const pages = [...(previous.pages ?? []), page];
        wanted.current = pages.length;
        return { ...previous, pages };
      });
    });
  }, [bookmark, run]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return {
    items: state.pages?.flatMap((page) => page.items),
    more: bookmark !== '',
    loading: state.loading,
    error: state.error,
    loadMore,
    loadingMore: more.busy,
    moreError: more.error,
    reload,
  };
}
