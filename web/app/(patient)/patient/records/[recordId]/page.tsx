import type { Metadata } from 'next';
import { PatientRecordView } from '@/components/records/record-detail-view';

export const metadata: Metadata = { title: 'Record' };

export default async function PatientRecordPage({
  params,
  searchParams,
}: {
  params: Promise<{ recordId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { recordId } = await params;
  const { created } = await searchParams;
  return <PatientRecordView key={recordId} recordId={recordId} created={created === '1'} />;
}
