import type { Metadata } from 'next';
import { IntegrityView } from '@/components/auditor/integrity-view';

export const metadata: Metadata = { title: 'Integrity' };

export default function IntegrityPage() {
  return <IntegrityView />;
}
