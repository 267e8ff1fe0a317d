import type { Metadata } from 'next';
import { ConsentLookup } from '@/components/auditor/consent-detail';

export const metadata: Metadata = { title: 'Consents' };

export default function ConsentsPage() {
  return <ConsentLookup />;
}
