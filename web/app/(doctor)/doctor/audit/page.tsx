import type { Metadata } from 'next';
import { DoctorAuditView } from '@/components/doctor/doctor-audit-view';

export const metadata: Metadata = { title: 'My access log' };

export default function DoctorAuditPage() {
  return <DoctorAuditView />;
}
