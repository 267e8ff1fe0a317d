'use client';

import type { ConsentView, DirectoryEntry, RecordDirectory } from '@patrec/contract';
import { PATIENT_ID, scopeCovers } from '@patrec/contract/core';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api';
import { useAction } from '@/lib/hooks';
import { categoryLabel, consentState, formatDateTime } from '@/lib/words';
import { useDoctorConsents } from '../consents/doctor-consents';
import { RequestForm } from '../consents/request-form';
import type { ScopeDraft } from '../consents/scope-editor';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { ErrorNotice, Loading } from '../ui/notice';
import { Badge } from '../ui/status-badge';

/**
 * Find a patient by ID: their record IDs, categories and dates (the look-up is logged on
 * the ledger), each with Read when a grant covers it and Request when none does.
 */
export function FindPatientView({ initialId }: { initialId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(initialId);
  const [directory, setDirectory] = useState<RecordDirectory>();
  const lookUp = useAction();
  const consents = useDoctorConsents();
  const [scope, setScope] = useState<ScopeDraft>({ kind: 'all', categories: [], records: [] });
  const [asking, setAsking] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const search = async (patientId: string) => {
    setDirectory(undefined);
    setAsking(false);
    const found = await lookUp.run(async () => {
      const answer = await api.records(patientId);
      if (!('accessId' in answer)) return { accessId: '', patientId, records: answer.records };
      return answer;
    });
    if (found) setDirectory(found);
  };

  useEffect(() => {
    if (PATIENT_ID.test(initialId)) void search(initialId);
    // Only the ID the page was opened with; later searches come from the form.
  }, [initialId]);

  useEffect(() => {
    if (asking) form.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [asking, scope]);

  const mine = (consents.data ?? []).filter((c) => c.patientId === directory?.patientId);
  const covering = (record: DirectoryEntry, state: 'active' | 'pending') =>
    mine.find((c: ConsentView) => consentState(c) === state && scopeCovers(c.scope, record));

  return (
    <>
      <h1>Find a patient</h1>
      <form
        className="form card inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const id = query.trim().toUpperCase();
          if (!PATIENT_ID.test(id)) return;
          router.replace(`${pathname}?id=${id}`);
          void search(id);
        }}
      >
        <TextField
          label="Patient ID"
          name="patientId"
          placeholder="PAT177"
          required
          pattern="[Pp][Aa][Tt][0-9]+"
          value={query}
          onValue={setQuery}
          autoComplete="off"
        />
        <Button type="submit" busy={lookUp.busy} busyText="Looking up…">
          Find
        </Button>
      </form>
      <ErrorNotice error={lookUp.error} title="No records shown." />
      {lookUp.busy ? (
        <Loading>Looking up the patient on the ledger (this look-up is logged)…</Loading>
      ) : null}
      {directory ? (
        <section aria-labelledby="directory-heading">
          <h2 id="directory-heading">
            {directory.patientId}&apos;s records{' '}
            <span className="count">{directory.records.length}</span>
          </h2>
          <p className="muted">
            IDs, categories and dates only. Contents need the patient&apos;s consent; this look-up
            is in their access history.
          </p>
          {directory.records.length === 0 ? (
            <p className="empty">This patient has no records yet.</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Record</th>
                    <th scope="col">Category</th>
                    <th scope="col">Added</th>
                    <th scope="col">Updated</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {directory.records.map((record) => {
                    const grant = covering(record, 'active');
                    const pending = covering(record, 'pending');
                    return (
                      <tr key={record.recordId}>
                        <th scope="row">
                          <code>{record.recordId}</code>
                        </th>
                        <td>{categoryLabel[record.category]}</td>
                        <td>{formatDateTime(record.createdAt)}</td>
                        <td>{formatDateTime(record.updatedAt)}</td>
                        <td className="row-actions">
                          {grant ? (
                            <Link
                              className="button button-primary"
                              href={`/doctor/records/${record.recordId}`}
                              aria-label={`Read ${record.recordId}`}
                            >
                              Read
                            </Link>
                          ) : pending ? (
                            <Badge tone="warn">Requested</Badge>
                          ) : (
                            <Button
                              variant="secondary"
                              aria-label={`Request ${record.recordId}`}
                              onClick={() => {
                                setScope({
                                  kind: 'records',
                                  categories: [],
                                  records: [record.recordId],
                                });
                                setAsking(true);
                              }}
                            >
                              Request
                            </Button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <div className="actions">
            {!asking ? (
              <Button variant="secondary" onClick={() => setAsking(true)}>
                Request access…
              </Button>
            ) : null}
            <Link
              className="button button-secondary"
              href={`/doctor/records/new?patientId=${directory.patientId}`}
            >
              Add a record
            </Link>
            <Link
              className="button button-secondary"
              href={`/doctor/emergency?patientId=${directory.patientId}`}
            >
              Emergency access
            </Link>
          </div>
          {asking ? (
            <RequestForm
              ref={form}
              patientId={directory.patientId}
              records={directory.records}
              scope={scope}
              onScope={setScope}
              onSent={() => consents.reload()}
            />
          ) : null}
        </section>
      ) : null}
    </>
  );
}
