import type { Metadata } from 'next';
import { RecordHistory } from '@/components/auditor/record-history';

export const metadata: Metadata = { title: 'Record history' };

export default async function RecordHistoryPage({
  searchParams,
}: {
  searchParams: Promise<{ recordId?: string }>;
}) {
  const { recordId } = await searchParams;
  return <RecordHistory key={recordId} recordId={(recordId ?? '').toUpperCase()} />;
}
