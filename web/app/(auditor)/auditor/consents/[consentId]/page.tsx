import type { Metadata } from 'next';
import { ConsentDetail } from '@/components/auditor/consent-detail';

export const metadata: Metadata = { title: 'Consent' };

export default async function ConsentPage({ params }: { params: Promise<{ consentId: string }> }) {
  const { consentId } = await params;
  return <ConsentDetail key={consentId} consentId={consentId} />;
}
