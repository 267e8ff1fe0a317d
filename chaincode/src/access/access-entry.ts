import type { AccessEntry } from '@patrec/contract';
import { ACCESS_KINDS, ACCESS_OUTCOMES, ACCESS_REFUSALS } from '@patrec/contract/core';
import type { Context } from 'fabric-contract-api';
import { corruptState } from '../shared/errors';
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
 * The access log's indexes. They are simple keys, `accessLog~<index>~<ids…>~<time>~<accessId>`,
 * not composite keys, because Fabric range-queries only simple keys and a time filter is
 * a range: [prefix + from, prefix + to). IDs and ISO times never contain "~".
 */
export type AccessIndex = 'byPatient' | 'byRecord' | 'byAccessor' | 'byAccessorPatient' | 'byTime';

export function accessIndexPrefix(index: AccessIndex, ids: string[]): string {
  return ['accessLog', index, ...ids, ''].join('~');
}

export function accessIndexKeys(entry: AccessEntry): string[] {
  const suffix = `${entry.accessedAt}~${entry.accessId}`;
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
