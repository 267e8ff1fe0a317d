'use client';

import type { RecordContent, RecordRead } from '@patrec/contract';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useAction, useLoad } from '@/lib/hooks';
import { categoryLabel, formatDateTime } from '@/lib/words';
import { LedgerHistory } from '../ledger/ledger-history';
import { Button } from '../ui/button';
import { ErrorNotice, Loading, SuccessNotice } from '../ui/notice';
import { DocumentForm } from './document-form';
import { draftOf } from './drafts';
import { RecordContentView } from './record-content';
import { RecordForm } from './record-form';

/** Facts about a record version: title, category, version, dates. */
export function RecordHeader({ read }: { read: RecordRead }) {
  const { record } = read;
  return (
    <dl className="facts record-meta">
      <dt>Title</dt>
      <dd>{read.title}</dd>
      <dt>Category</dt>
      <dd>{categoryLabel[record.category]}</dd>
      <dt>Version</dt>
      <dd>{record.version}</dd>
      <dt>Added</dt>
      <dd>{formatDateTime(record.createdAt)}</dd>
      {record.updatedAt !== record.createdAt ? (
        <>
          <dt>Updated</dt>
          <dd>{formatDateTime(record.updatedAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * Updates a record: the form starts from the version read, and the update names that
 * version so a change made meanwhile by someone else is refused, not overwritten.
 */
export function RecordEditor({
  read,
  onSaved,
  onCancel,
}: {
  read: RecordRead;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const action = useAction();
  const save = async (content: RecordContent) => {
    if (
      await action.run(() =>
        api.updateRecord(read.record.recordId, { expectedVersion: read.record.version, content }),
      )
    ) {
      onSaved();
    }
  };
  const category = read.content.category;
  return (
    <section aria-label="Update this record">
      <h2>Update {read.record.recordId}</h2>
      {category === 'document' ? (
        <DocumentForm
          initialTitle={read.content.title}
          submitLabel="Replace the file"
          busyText="Saving the new version…"
          busy={action.busy}
          error={action.error}
          onSave={(content) => void save(content)}
        />
      ) : (
        <RecordForm
          category={category}
          initial={draftOf(read.content)}
          initialTitle={read.content.title}
          submitLabel="Save the new version"
          busyText="Saving the new version…"
          busy={action.busy}
          error={action.error}
          onSave={(content) => void save(content)}
        />
      )}
      <Button variant="secondary" onClick={onCancel} disabled={action.busy}>
        Cancel
      </Button>
    </section>
  );
}

/**
 * An earlier version opened: read as the current one is (consent-checked and logged on the
 * ledger), its content checked against that version's own hash.
 */
export function EarlierVersion({
  recordId,
  version,
  onClose,
}: {
  recordId: string;
  version: number;
  onClose: () => void;
}) {
  const read = useLoad(() => api.readRecordVersion(recordId, version), [recordId, version]);
  return (
    <section className="card" aria-label={`Version ${version} of ${recordId}`}>
      <h3>
        Version {version}
        {read.data ? `: ${read.data.title}` : ''}
      </h3>
      <ErrorNotice error={read.error} title={`Version ${version} could not be read.`} />
      {read.loading && !read.data ? (
        <Loading>Reading version {version} (checked against its hash on the ledger)…</Loading>
      ) : null}
      {read.data ? (
        <>
          <p className="muted">
            As it was written on {formatDateTime(read.data.record.updatedAt)}, checked against the
            hash the ledger holds for version {version}. This read is in the access history.
          </p>
          <RecordContentView content={read.data.content} />
        </>
      ) : null}
      <Button variant="secondary" onClick={onClose}>
        Close version {version}
      </Button>
    </section>
  );
}

/**
 * The earlier versions of a record a reader holds a read of, by number, each to open (a
 * doctor sees no ledger history; the latest few are offered).
 */
export function EarlierVersions({ read }: { read: RecordRead }) {
  const { recordId, version } = read.record;
  const [opened, setOpened] = useState<number>();
  if (version < 2) return null;
  const offered = Array.from({ length: Math.min(version - 1, 10) }, (_, n) => version - 1 - n);
  return (
    <section aria-labelledby="earlier-versions">
      <h2 id="earlier-versions">Earlier versions</h2>
      <div className="actions">
        {offered.map((earlier) => (
          <Button key={earlier} variant="secondary" onClick={() => setOpened(earlier)}>
            Open version {earlier}
          </Button>
        ))}
      </div>
      {opened ? (
        <EarlierVersion recordId={recordId} version={opened} onClose={() => setOpened(undefined)} />
      ) : null}
    </section>
  );
}

/**
 * Every version of a record on the ledger (patients and auditors may see it); the owner may
 * open an earlier one.
 */
export function RecordVersions({ recordId, version }: { recordId: string; version: number }) {
  const history = useLoad(() => api.recordHistory(recordId), [recordId, version]);
  const [opened, setOpened] = useState<number>();
  return (
    <details className="card">
      <summary>Versions on the ledger</summary>
      <ErrorNotice error={history.error} />
      {history.loading && !history.data ? <Loading /> : null}
      {history.data ? (
        <LedgerHistory
          entries={history.data}
          caption={`Every version of ${recordId}, newest first`}
          describe={(r) => (
            <>
              <strong>Version {r.version}</strong>
              {r.updatedBy ? ` · by ${r.updatedBy}` : ''}
              {r.contentHash ? (
                <span className="person-detail">
                  hash <code title={r.contentHash}>{r.contentHash.slice(0, 16)}…</code>
                </span>
              ) : null}
              {r.version < version && r.status === 'ACTIVE' ? (
                <Button variant="secondary" onClick={() => setOpened(r.version)}>
                  Open version {r.version}
                </Button>
              ) : null}
            </>
          )}
        />
      ) : null}
      {opened ? (
        <EarlierVersion recordId={recordId} version={opened} onClose={() => setOpened(undefined)} />
      ) : null}
    </details>
  );
}

/** The patient's own record: read (logged like every read), update, delete. */
export function PatientRecordView({ recordId, created }: { recordId: string; created: boolean }) {
  const router = useRouter();
  const read = useLoad(() => api.readRecord(recordId), [recordId]);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | undefined>(
    created ? 'Saved. Its hash is on the ledger; its contents are encrypted.' : undefined,
  );
  const [confirmDelete, setConfirmDelete] = useState(false);
  const removal = useAction();

  const remove = async () => {
    const deleted = await removal.run(async () => {
      await api.deleteRecord(recordId);
      return true;
    });
    if (deleted) router.push('/patient/records');
  };

  return (
    <>
      <p className="breadcrumb">
        <Link href="/patient/records">My records</Link> /
      </p>
      <h1>
        Record <code>{recordId}</code>
      </h1>
      {message ? <SuccessNotice>{message}</SuccessNotice> : null}
      <ErrorNotice error={read.error} title="This record could not be read." />
      {read.loading && !read.data ? (
        <Loading>Reading the record (checked against the ledger)…</Loading>
      ) : null}
      {read.data && !editing ? (
        <>
          <RecordHeader read={read.data} />
          <section className="card" aria-label="Contents">
            <RecordContentView content={read.data.content} />
          </section>
          <RecordVersions recordId={recordId} version={read.data.record.version} />
          <div className="actions">
            <Button
              variant="secondary"
              onClick={() => {
                setMessage(undefined);
                setEditing(true);
              }}
            >
              Update
            </Button>
            <Link className="button button-secondary" href={`/patient/history?record=${recordId}`}>
              Who has read it
            </Link>
            {confirmDelete ? (
              <>
                <span>
                  Delete this record for good? Its contents are destroyed; the ledger keeps that it
                  existed.
                </span>
                <Button
                  variant="danger"
                  busy={removal.busy}
                  busyText="Deleting…"
                  onClick={() => void remove()}
                >
                  Yes, delete
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => setConfirmDelete(false)}
                  disabled={removal.busy}
                >
                  Keep it
                </Button>
              </>
            ) : (
              <Button variant="danger" onClick={() => setConfirmDelete(true)}>
                Delete
              </Button>
            )}
          </div>
          <ErrorNotice error={removal.error} title="Not deleted." />
        </>
      ) : null}
      {read.data && editing ? (
        <RecordEditor
          read={read.data}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setMessage('Saved as a new version.');
            read.reload();
          }}
        />
      ) : null}
    </>
  );
}
