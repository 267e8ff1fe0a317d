'use client';

import type { DoctorListing, DoctorStatus } from '@patrec/contract';
import { DOCTOR_STATUSES } from '@patrec/contract/core';
import { useState } from 'react';
import { api, ApiFailure } from '@/lib/api';
import { useAction, usePages } from '@/lib/hooks';
import { formatDateTime, hospitalLabel } from '@/lib/words';
import { forgetDoctor } from '../doctor-directory/doctor-card';
import { useLedgerEvents } from '../live/live-events';
import { Button } from '../ui/button';
import { TextField } from '../ui/inputs';
import { LoadMore } from '../ui/load-more';
import { ErrorNotice, InfoNotice, Loading, SuccessNotice } from '../ui/notice';
import { Badge, type Tone } from '../ui/status-badge';

const tabLabel: Record<DoctorStatus, string> = {
  UNVERIFIED: 'Awaiting verification',
  VERIFIED: 'Verified',
  SUSPENDED: 'Suspended',
};

const statusTone: Record<DoctorStatus, Tone> = {
  UNVERIFIED: 'warn',
  VERIFIED: 'good',
  SUSPENDED: 'bad',
};

const fullName = (doctor: DoctorListing) => doctor.name || doctor.id;

/** One doctor's row with the action that changes their status. */
function DoctorRow({
  doctor,
  onChanged,
}: {
  doctor: DoctorListing;
  onChanged: (text: string) => void;
}) {
  const action = useAction();
  const change = async (to: 'verify' | 'suspend') => {
    const done = await action.run(() =>
      to === 'verify' ? api.verifyDoctor(doctor.id) : api.suspendDoctor(doctor.id),
    );
    if (done !== undefined) {
      forgetDoctor(doctor.id);
      onChanged(
        `${fullName(doctor)} (${doctor.id}) is now ${to === 'verify' ? 'verified' : 'suspended'}.`,
      );
    }
  };
  return (
    <tr>
      <th scope="row">
        <strong>Dr {fullName(doctor)}</strong> <code>{doctor.id}</code>
      </th>
      <td data-label="Specialty">
        {doctor.specialty || '—'}
        {doctor.qualification ? (
          <span className="person-detail">{doctor.qualification}</span>
        ) : null}
      </td>
      <td data-label="Hospital">{hospitalLabel(doctor.hospitalName || doctor.hospital)}</td>
      <td data-label="Signed up">{formatDateTime(doctor.registeredAt)}</td>
      <td data-label="Status">
        <Badge tone={statusTone[doctor.status]}>{doctor.status.toLowerCase()}</Badge>
      </td>
      <td className="row-actions">
        {doctor.status !== 'VERIFIED' ? (
          <Button
            busy={action.busy}
            busyText="Verifying…"
            onClick={() => void change('verify')}
            aria-label={`Verify ${doctor.id}`}
          >
            Verify
          </Button>
        ) : null}
        {doctor.status !== 'SUSPENDED' ? (
          <Button
            variant="danger"
            disabled={action.busy}
            onClick={() => void change('suspend')}
            aria-label={`Suspend ${doctor.id}`}
          >
            Suspend
          </Button>
        ) : null}
        <ErrorNotice error={action.error} />
      </td>
    </tr>
  );
}

/**
 * The hospital's doctors by status, a page at a time, with verify and suspend; or by ID
 * when no list exists.
 */
export function DoctorsAdmin() {
  const [status, setStatus] = useState<DoctorStatus>('UNVERIFIED');
  const doctors = usePages((bookmark) => api.doctorsPage({ status }, bookmark), [status]);
  const [message, setMessage] = useState<string>();
  useLedgerEvents(['DoctorVerified', 'DoctorSuspended', 'ParticipantRegistered'], doctors.reload);
  const listMissing = doctors.error instanceof ApiFailure && doctors.error.status === 404;
  const changed = (text: string) => {
    setMessage(text);
    doctors.reload();
  };

  return (
    <section aria-labelledby="doctors-heading">
      <h2 id="doctors-heading">Doctors of your hospital</h2>
      {message ? <SuccessNotice>{message}</SuccessNotice> : null}
      <div className="tabs" role="group" aria-label="Show doctors">
        {DOCTOR_STATUSES.map((tab) => (
          <button
            key={tab}
            type="button"
            aria-pressed={tab === status}
            className={`tab${tab === status ? ' tab-current' : ''}`}
            onClick={() => setStatus(tab)}
          >
            {tabLabel[tab]}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {listMissing ? (
          <InfoNotice>
            The gateway does not list doctors yet; verify or suspend a doctor by ID below.
          </InfoNotice>
        ) : (
          <ErrorNotice error={doctors.error} title="The doctors could not be loaded." />
        )}
        {doctors.loading && !doctors.items ? <Loading>Loading doctors…</Loading> : null}
        {doctors.items && doctors.items.length === 0 && !doctors.more ? (
          <p className="empty">
            {status === 'UNVERIFIED' ? 'No doctor is waiting for verification.' : 'None.'}
          </p>
        ) : null}
        {doctors.items && doctors.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Doctor</th>
                  <th scope="col">Specialty</th>
                  <th scope="col">Hospital</th>
                  <th scope="col">Signed up</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {doctors.items.map((doctor) => (
                  <DoctorRow key={doctor.id} doctor={doctor} onChanged={changed} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <LoadMore
          more={doctors.more}
          busy={doctors.loadingMore}
          error={doctors.moreError}
          onLoad={doctors.loadMore}
        />
      </div>
      <ByIdForm onChanged={changed} />
    </section>
  );
}

function ByIdForm({ onChanged }: { onChanged: (text: string) => void }) {
  const [doctorId, setDoctorId] = useState('');
  const action = useAction();
  const change = async (to: 'verify' | 'suspend') => {
    const id = doctorId.trim().toUpperCase();
    const done = await action.run(() =>
      to === 'verify' ? api.verifyDoctor(id) : api.suspendDoctor(id),
    );
    if (done !== undefined) {
      forgetDoctor(id);
      onChanged(`${id} is now ${to === 'verify' ? 'verified' : 'suspended'}.`);
    }
  };
  return (
    <details className="card by-id">
      <summary>Verify or suspend by doctor ID</summary>
      <form
        className="form inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void change('verify');
        }}
      >
        <TextField
          label="Doctor ID"
          name="doctorId"
          placeholder="DOC140"
          required
          value={doctorId}
          onValue={setDoctorId}
          autoComplete="off"
        />
        <Button type="submit" busy={action.busy} busyText="Saving…">
          Verify
        </Button>
        <Button variant="danger" disabled={action.busy} onClick={() => void change('suspend')}>
          Suspend
        </Button>
      </form>
      <ErrorNotice error={action.error} />
    </details>
  );
}
