import type { Metadata } from 'next';
import { PatientOverview } from '@/components/patient/patient-overview';

export const metadata: Metadata = { title: 'Overview' };

export default function PatientHome() {
  return <PatientOverview />;
}
