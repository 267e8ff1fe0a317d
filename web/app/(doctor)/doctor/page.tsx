import type { Metadata } from 'next';
import { DoctorOverview } from '@/components/doctor/doctor-overview';

export const metadata: Metadata = { title: 'Doctor' };

export default function DoctorHome() {
  return <DoctorOverview />;
}
