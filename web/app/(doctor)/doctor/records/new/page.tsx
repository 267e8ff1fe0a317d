import type { Metadata } from 'next';
import { NewRecordView } from '@/components/records/new-record-view';

export const metadata: Metadata = { title: 'Add a record' };

export default async function DoctorNewRecordPage({
  searchParams,
}: {
  searchParams: Promise<{ patientId?: string }>;
}) {
  const { patientId } = await searchParams;
  return <NewRecordView doctor patientId={patientId ?? ''} />;
}
