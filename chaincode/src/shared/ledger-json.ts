import { corruptState } from './errors';

/**
 * The one serialisation of the chaincode: JSON with object keys sorted at every depth, so
 * every endorsing peer writes the same bytes for the same value. Only what JSON round-trips
 * exactly is accepted (no undefined, no fractions), so a value read back equals the value
 * written.
 */
export function toSortedJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Error(`cannot serialise number ${value}`);
      return String(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(toSortedJson).join(',')}]`;
      const fields = value as Record<string, unknown>;
      const members = Object.keys(fields)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${toSortedJson(fields[key])}`);
      return `{${members.join(',')}}`;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      break;
  }
  throw new Error(`cannot serialise a value of type ${typeof value}`);
}

export function toLedger(value: unknown): Uint8Array {
  return Buffer.from(toSortedJson(value), 'utf8');
}

/** Parses bytes read from the ledger into `unknown`: callers check the shape before use. */
export function fromLedger(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    throw corruptState(what, 'not JSON');
  }
}

/** The value of an index key. Fabric treats an empty value as a delete, so it is one zero byte. */
export const INDEX_ENTRY: Uint8Array = Uint8Array.of(0);
