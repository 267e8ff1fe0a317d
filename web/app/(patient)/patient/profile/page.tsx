import type { Metadata } from 'next';
import { PatientProfileView } from '@/components/patient/profile-view';

export const metadata: Metadata = { title: 'Profile' };

export default function PatientProfilePage() {
  return <PatientProfileView />;
}
