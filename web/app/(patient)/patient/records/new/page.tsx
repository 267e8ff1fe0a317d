import type { Metadata } from 'next';
import { PatientNewRecord } from '@/components/patient/patient-new-record';

export const metadata: Metadata = { title: 'Add a record' };

export default function PatientNewRecordPage() {
  return <PatientNewRecord />;
}
