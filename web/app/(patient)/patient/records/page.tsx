import type { Metadata } from 'next';
import { PatientRecordsView } from '@/components/records/patient-records-view';

export const metadata: Metadata = { title: 'My records' };

export default function PatientRecordsPage() {
  return <PatientRecordsView />;
}
