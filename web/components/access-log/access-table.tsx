'use client';

import type { AccessLogEntry } from '@patrec/contract';
import Link from 'next/link';
import { formatMoment, refusalLabel } from '@/lib/words';
import { Badge } from '../ui/status-badge';
import { Accessor } from './accessor';

/** Access-log entries as a table: when, who, what, under which consent or why refused. */
export function AccessTable({
  entries,
  recordHref,
  onConsent,
  caption,
}: {
  entries: AccessLogEntry[];
  /** Where a record ID links to, if anywhere. */
  recordHref?: (recordId: string) => string;
  /** Called when a consent ID is chosen (auditors open its history). */
  onConsent?: (consentId: string) => void;
  caption: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table access-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Patient</th>
            <th scope="col">What</th>
            <th scope="col">Consent or refusal</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr
              key={entry.accessId}
              className={entry.emergency || entry.refusal ? 'row-emergency' : undefined}
            >
              <td data-label="When">
                <time dateTime={entry.accessedAt}>{formatMoment(entry.accessedAt)}</time>
              </td>
              <td data-label="Who">
                <Accessor entry={entry} />
              </td>
              <td data-label="Patient">
                <code>{entry.patientId}</code>
              </td>
              <td data-label="What">
                {entry.kind === 'directory' ? (
                  'Record list'
                ) : (
                  <>
                    {recordHref && entry.recordId ? (
                      <Link href={recordHref(entry.recordId)}>
                        <code>{entry.recordId}</code>
                      </Link>
                    ) : (
                      <code>{entry.recordId}</code>
                    )}
                    {entry.version ? <span className="muted"> v{entry.version}</span> : null}
                  </>
                )}
                {entry.emergency ? (
                  <>
                    {' '}
                    <Badge tone="bad">Emergency</Badge>
                  </>
                ) : null}
              </td>
              <td data-label="Consent or refusal">
                {entry.refusal ? (
                  <>
                    <Badge tone="bad">Refused</Badge>{' '}
                    <span className="muted">{refusalLabel[entry.refusal]}</span>
                  </>
                ) : entry.consentId ? (
                  onConsent ? (
                    <button
                      type="button"
                      className="button-link"
                      onClick={() => onConsent(entry.consentId ?? '')}
                      title={entry.consentId}
                    >
                      {entry.consentId.slice(0, 11)}…
                    </button>
                  ) : (
                    <code title={entry.consentId}>{entry.consentId.slice(0, 11)}…</code>
                  )
                ) : entry.accessorId === entry.patientId ? (
                  <span className="muted">owner</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
