import type { Metadata } from 'next';
import { FindPatientView } from '@/components/doctor/find-patient-view';

export const metadata: Metadata = { title: 'Find a patient' };

export default async function FindPatientPage({
  searchParams,
}: {
  searchParams: Promise<{ id?: string }>;
}) {
  const { id } = await searchParams;
  return <FindPatientView initialId={(id ?? '').toUpperCase()} />;
}
