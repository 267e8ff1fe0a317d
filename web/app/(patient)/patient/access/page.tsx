import type { Metadata } from 'next';
import { PatientAccessView } from '@/components/consents/patient-access-view';

export const metadata: Metadata = { title: 'Access' };

export default function PatientAccessPage() {
  return <PatientAccessView />;
}
