'use client';

import { useLoad } from '@/lib/hooks';
import { AccountView } from '../account/account-view';
import { ShareForm } from '../consents/share-form';
import { everyRecordOf, liveRecords } from '../records/patient-records-view';
import { useSession } from '../session/session';
import { StoppedAtLimit } from '../ui/load-more';

/** The patient's account (details, password, recovery codes, two-step log-in), and sharing. */
export function PatientProfileView() {
  const { me } = useSession();
  const records = useLoad(() => everyRecordOf(me.id), [me.id]);
  return (
    <>
      <h1>My profile</h1>
      <AccountView />
      <section id="share" aria-labelledby="share-heading">
        <h2 id="share-heading">Share my records with a doctor</h2>
        <p>
          Give a doctor access without waiting for them to ask. You can revoke it at any time under{' '}
          <a href="/patient/access">Access</a>.
        </p>
        <StoppedAtLimit complete={records.data?.complete ?? true}>
          Only your first {records.data?.items.length} records can be chosen here; to share later
          ones, share a whole category or all records.
        </StoppedAtLimit>
        <ShareForm records={liveRecords(records.data?.items)} />
      </section>
    </>
  );
}
