import type { Me } from '@patrec/contract';
import { Fragment } from 'react';
import { formatDate, formatDateTime, hospitalLabel } from '@/lib/words';

const profileLabels: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  address: 'Address',
  city: 'City',
  state: 'State or region',
  country: 'Country',
  specialty: 'Specialty',
  qualification: 'Qualification',
  clinicAddress: 'Clinic address',
  branch: 'Branch',
  phone: 'Phone',
};

/** Account information: ID, e-mail, hospital, created date, and the profile as given. */
export function ProfileFacts({ me }: { me: Me }) {
  return (
    <dl className="facts">
      <dt>PatRec ID</dt>
      <dd>
        <strong className="id">{me.id}</strong>
      </dd>
      <dt>E-mail</dt>
      <dd>{me.email}</dd>
      <dt>Hospital</dt>
      <dd>{hospitalLabel(me.hospital)}</dd>
      <dt>Account created</dt>
      <dd>{formatDateTime(me.createdAt)}</dd>
      {Object.entries(profileLabels)
        .filter(([field]) => me.profile[field] !== undefined)
        .map(([field, label]) => (
          <Fragment key={field}>
            <dt>{label}</dt>
            <dd>
              {field === 'dateOfBirth'
                ? formatDate(String(me.profile[field]))
                : String(me.profile[field] as string)}
            </dd>
          </Fragment>
        ))}
      {Array.isArray(me.profile.schedule) && me.profile.schedule.length > 0 ? (
        <>
          <dt>Consulting hours</dt>
          <dd>
            {(me.profile.schedule as { day: string; from: string; to: string }[])
              .map((s) => `${s.day.slice(0, 3)} ${s.from}–${s.to}`)
              .join(', ')}
          </dd>
        </>
      ) : null}
      <dt>Two-step log-in</dt>
      <dd>{me.totpEnabled || me.role !== 'patient' ? 'On (authenticator app)' : 'Off'}</dd>
    </dl>
  );
}
