import type { Metadata } from 'next';
import { ConsentsView } from '@/components/auditor/consents-view';

export const metadata: Metadata = { title: 'Consents' };

export default function ConsentsPage() {
  return <ConsentsView />;
}
