import type { Page } from '@patrec/contract';
import {
  BOOKMARK,
  DEFAULT_PAGE_SIZE,
  MAX_BOOKMARK_LENGTH,
  MAX_PAGE_SIZE,
} from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import type { Iterators } from 'fabric-shim';
import { integerArg, stringArg } from './arguments';
import { invalidArgument } from './errors';

// The end of a prefix's key range, as the shim builds it for partial composite keys.
const MAX_RUNE = '\u{10ffff}';

export interface PageRequest {
  pageSize: number;
  /** The caller's bookmark as given: '' for the first page. */
  bookmark: string;
}

export function pageRequestArgs(pageSize: unknown, bookmark: unknown): PageRequest {
  const size =
    pageSize === '' ? DEFAULT_PAGE_SIZE : integerArg('pageSize', pageSize, 1, MAX_PAGE_SIZE);
  const token = stringArg('bookmark', bookmark, MAX_BOOKMARK_LENGTH);
  if (!BOOKMARK.test(token)) throw invalidArgument('bookmark is not one this chaincode returned');
  return { pageSize: size, bookmark: token };
}

/** A page of the keys under a partial composite key (Fabric allows this in queries only). */
export async function pageOfPartialKey(
  ctx: Context,
  objectType: string,
  attributes: string[],
  request: PageRequest,
): Promise<Page<Iterators.KV>> {
  const start = ctx.stub.createCompositeKey(objectType, attributes);
  const end = start + MAX_RUNE;
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    objectType,
    attributes,
    request.pageSize,
    bookmarkKey(request.bookmark, start, end),
  );
  // The peer sends no metadata at all for an empty page.
  return {
    items: await drainIterator(iterator),
    bookmark: bookmarkToken(metadata?.bookmark ?? ''),
  };
}

/** A page of the simple keys in [start, end) (Fabric allows this in queries only). */
export async function pageOfRange(
  ctx: Context,
  start: string,
  end: string,
  request: PageRequest,
): Promise<Page<Iterators.KV>> {
  const { iterator, metadata } = await ctx.stub.getStateByRangeWithPagination(
    start,
    end,
    request.pageSize,
    bookmarkKey(request.bookmark, start, end),
  );
  return {
    items: await drainIterator(iterator),
    bookmark: bookmarkToken(metadata?.bookmark ?? ''),
  };
}

/** Every key under a partial composite key: for sets bounded by one person's data. */
export async function allOfPartialKey(
  ctx: Context,
  objectType: string,
  attributes: string[],
): Promise<Iterators.KV[]> {
  return drainIterator(await ctx.stub.getStateByPartialCompositeKey(objectType, attributes));
}

export function endOfPrefix(prefix: string): string {
  return prefix + MAX_RUNE;
}

/**
 * The peer starts a paginated query at the bookmark without checking it lies in the
 * queried range, so a forged bookmark could read another person's keys. A bookmark is
 * therefore accepted only inside the range of the query it is handed to.
 */
export function bookmarkKey(token: string, start: string, end: string): string {
  if (token === '') return '';
  const key = Buffer.from(token, 'base64url').toString('utf8');
  const canonical = bookmarkToken(key) === token;
  // Keys this chaincode writes are ASCII, where JavaScript's string order is LevelDB's byte
  // order, so an ASCII bookmark can be checked against the range with `<`.
  const ascii = Buffer.byteLength(key, 'utf8') === key.length;
  if (!canonical || !ascii || key < start || key >= end) {
    throw invalidArgument('bookmark does not belong to this query');
  }
  return key;
}

/** The bookmark of a page that goes on at `key` ('' for none), as the pages here hand out. */
export function bookmarkToken(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

// Handles both iterator dialects: shims that return the last value with done=true, and
// those that return done=true alone.
export async function drainIterator<T>(iterator: Iterators.CommonIterator<T>): Promise<T[]> {
  const items: T[] = [];
  try {
    for (;;) {
      const result = await iterator.next();
      if (result.value) items.push(result.value);
      if (result.done) return items;
    }
  } finally {
    await iterator.close();
  }
}
