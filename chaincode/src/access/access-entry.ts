import type { AccessEntry } from '@patrec/contract';
import { ACCESS_KINDS, ACCESS_OUTCOMES, ACCESS_REFUSALS } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import { corruptState } from '../shared/errors';
import { endOfPrefix } from '../shared/pagination';
import { Shape } from '../shared/shape';

export function parseAccessEntry(value: unknown): AccessEntry {
  const shape = new Shape(value, (problem) => corruptState('access entry', problem));
  return {
    accessId: shape.string('accessId'),
    kind: shape.oneOf('kind', ACCESS_KINDS),
    patientId: shape.string('patientId'),
    recordId: shape.nullableString('recordId'),
    version: shape.nullableInteger('version'),
    accessorId: shape.string('accessorId'),
    accessorMspId: shape.string('accessorMspId'),
    consentId: shape.nullableString('consentId'),
    emergency: shape.boolean('emergency'),
    // Entries written before refused attempts were recorded have neither field.
    outcome: shape.has('outcome') ? shape.oneOf('outcome', ACCESS_OUTCOMES) : 'success',
    refusal: shape.has('refusal') ? shape.nullableOneOf('refusal', ACCESS_REFUSALS) : null,
    accessedAt: shape.string('accessedAt'),
    txId: shape.string('txId'),
  };
}

export function accessKey(ctx: Context, accessId: string): string {
  return ctx.stub.createCompositeKey('access', [accessId]);
}

/**
 * The access log's indexes. They are simple keys,
 * `accessLogByNewest~<index>~<ids…>~<time, newest first>~<accessId>`, not composite keys,
 * because Fabric range-queries only simple keys and a time filter is a range. The time is
 * written newest first (`newestFirst`), so a page of the log starts with the latest access,
 * as people read a log. IDs and ISO times never contain "~".
 */
export type AccessIndex = 'byPatient' | 'byRecord' | 'byAccessor' | 'byAccessorPatient' | 'byTime';

export function accessIndexPrefix(index: AccessIndex, ids: string[]): string {
  return ['accessLogByNewest', index, ...ids, ''].join('~');
}

/**
 * An ISO time that sorts backwards: each digit d becomes 9 − d, so a later time comes first
 * among keys of one index (every time has the same length and format).
 */
export const newestFirst = (time: string): string =>
  time.replace(/\d/g, (digit) => String(9 - Number(digit)));

/**
 * The keys under an index prefix for accesses at times in [from, to), newest first. "~~"
 * sorts after "~" and any access ID, so the start excludes accesses at `to` itself and the
 * end includes those at `from`.
 */
export function accessTimeRange(
  prefix: string,
  from: string | undefined,
  to: string | undefined,
): { start: string; end: string } {
  return {
    start: to ? `${prefix}${newestFirst(to)}~~` : prefix,
    end: from ? `${prefix}${newestFirst(from)}~~` : endOfPrefix(prefix),
  };
}

export function accessIndexKeys(entry: AccessEntry): string[] {
  const suffix = `${newestFirst(entry.accessedAt)}~${entry.accessId}`;
  const keys = [
    accessIndexPrefix('byPatient', [entry.patientId]),
    accessIndexPrefix('byAccessor', [entry.accessorId]),
    accessIndexPrefix('byAccessorPatient', [entry.accessorId, entry.patientId]),
    accessIndexPrefix('byTime', []),
  ];
  if (entry.recordId) keys.push(accessIndexPrefix('byRecord', [entry.recordId]));
  return keys.map((prefix) => prefix + suffix);
}

/** The access ID at the end of an index key. */
export function accessIdOfIndexKey(key: string): string {
  const accessId = key.split('~').at(-1);
  if (!accessId) throw corruptState('access log index', key);
  return accessId;
}
