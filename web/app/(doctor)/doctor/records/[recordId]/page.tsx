import type { Metadata } from 'next';
import { DoctorRecordView } from '@/components/doctor/doctor-record-view';

export const metadata: Metadata = { title: 'Record' };

export default async function DoctorRecordPage({
  params,
}: {
  params: Promise<{ recordId: string }>;
}) {
  const { recordId } = await params;
  return <DoctorRecordView key={recordId} recordId={recordId} />;
}
