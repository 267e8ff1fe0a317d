'use client';

import { NewRecordView } from '../records/new-record-view';
import { useSession } from '../session/session';

export function PatientNewRecord() {
  const { me } = useSession();
  return <NewRecordView patientId={me.id} />;
}
