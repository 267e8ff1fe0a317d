/**
 * Record reads carried in batches. A gateway gathers its readers' reads and has the peers
 * check them in one `access:RecordReads` transaction; each read is signed by its reader with
 * the key they registered on the ledger (`participants:RegisterReadKey`), so the chaincode
 * checks consent for the reader, not for whoever carries the batch.
 */

/** What a reader signs: one record, once (the request ID becomes the access ID). */
export interface ReadStatement {
  /** 64 hex digits, random; the access is logged as `ACC` + this. */
  requestId: string;
  recordId: string;
  /** An earlier version to read; the current one when left out. */
  version?: number;
  readerId: string;
  /** When the reader asked, as the ledger writes times; the access's time. */
  requestedAt: string;
}

/**
 * The bytes a reader signs (ECDSA P-256, SHA-256, DER), one line per field; a read of a
 * named version says which, so a signed read of one version cannot be carried as another.
 */
export function readStatementText(read: ReadStatement): string {
  const { requestId, recordId, version, readerId, requestedAt } = read;
  return version === undefined
    ? ['patrec-read/1', requestId, recordId, readerId, requestedAt].join('\n')
    : ['patrec-read/2', requestId, recordId, String(version), readerId, requestedAt].join('\n');
}

/** At most this many reads travel in one batch. */
export const MAX_READS_PER_BATCH = 100;

/** A read is carried within this long of being asked for, or it is refused. */
export const MAX_READ_AGE_MS = 60_000;
