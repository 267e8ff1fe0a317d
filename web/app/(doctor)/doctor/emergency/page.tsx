import type { Metadata } from 'next';
import { EmergencyView } from '@/components/doctor/emergency-view';

export const metadata: Metadata = { title: 'Emergency access' };

export default async function EmergencyPage({
  searchParams,
}: {
  searchParams: Promise<{ patientId?: string }>;
}) {
  const { patientId } = await searchParams;
  return <EmergencyView initialPatientId={patientId ?? ''} />;
}
