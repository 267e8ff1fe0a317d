import type { HistoryEntry } from '@patrec/contract';
import type { ReactNode } from 'react';
import { formatMoment } from '@/lib/words';

/** A ledger key's history, newest first: when, which transaction, and what it became. */
export function LedgerHistory<T>({
  entries,
  describe,
  caption,
}: {
  entries: HistoryEntry<T>[];
  describe: (value: T) => ReactNode;
  caption: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Became</th>
            <th scope="col">Transaction</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.txId}>
              <td data-label="When">
                <time dateTime={entry.timestamp}>{formatMoment(entry.timestamp)}</time>
              </td>
              <td data-label="Became">
                {entry.isDelete || entry.value === null ? 'Deleted' : describe(entry.value)}
              </td>
              <td data-label="Transaction">
                <code title={entry.txId}>{entry.txId.slice(0, 12)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
