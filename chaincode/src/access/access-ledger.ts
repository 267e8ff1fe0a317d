import type { AccessEntry } from '@patrec/contract';
import type { Context } from 'fabric-contract-api';
import { notFound } from '../shared/errors';
import { fromLedger, INDEX_ENTRY, toLedger } from '../shared/ledger-json';
import { accessIndexKeys, accessKey, parseAccessEntry } from './access-entry';

/** Writes an access entry with every index it is found through. */
export async function logAccess(ctx: Context, entry: AccessEntry): Promise<void> {
  await ctx.stub.putState(accessKey(ctx, entry.accessId), toLedger(entry));
  for (const key of accessIndexKeys(entry)) await ctx.stub.putState(key, INDEX_ENTRY);
}

export async function findAccessEntry(
  ctx: Context,
  accessId: string,
): Promise<AccessEntry | undefined> {
  const bytes = await ctx.stub.getState(accessKey(ctx, accessId));
  return bytes.length === 0 ? undefined : parseAccessEntry(fromLedger(bytes, 'access entry'));
}

export async function readAccessEntry(ctx: Context, accessId: string): Promise<AccessEntry> {
  const entry = await findAccessEntry(ctx, accessId);
  if (!entry) throw notFound(`there is no access ${accessId} in the log`);
  return entry;
}
