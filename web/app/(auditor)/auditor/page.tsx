import type { Metadata } from 'next';
import { AuditorAccessLog } from '@/components/auditor/access-log-view';

export const metadata: Metadata = { title: 'Access log' };

export default async function AuditorHome({
  searchParams,
}: {
  searchParams: Promise<{ patientId?: string; recordId?: string; accessorId?: string }>;
}) {
  const { patientId, recordId, accessorId } = await searchParams;
  return (
    <AuditorAccessLog
      initial={{
        ...(patientId ? { patientId } : {}),
        ...(recordId ? { recordId } : {}),
        ...(accessorId ? { accessorId } : {}),
      }}
    />
  );
}
