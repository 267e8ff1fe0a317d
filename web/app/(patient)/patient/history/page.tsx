import type { Metadata } from 'next';
import { PatientHistoryView } from '@/components/access-log/patient-history-view';

export const metadata: Metadata = { title: 'Access history' };

export default async function PatientHistoryPage({
  searchParams,
}: {
  searchParams: Promise<{ record?: string }>;
}) {
  const { record } = await searchParams;
  return <PatientHistoryView recordFilter={record} />;
}
