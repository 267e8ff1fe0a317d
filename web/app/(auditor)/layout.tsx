import type { ReactNode } from 'react';
import { Portal } from '@/components/shell/portal';

const nav = [
  { href: '/auditor', label: 'Access log' },
  { href: '/auditor/consents', label: 'Consents' },
  { href: '/auditor/records', label: 'Record history' },
  { href: '/auditor/integrity', label: 'Integrity' },
  { href: '/auditor/account', label: 'My account' },
];

export default function AuditorLayout({ children }: { children: ReactNode }) {
  return (
    <Portal role="auditor" nav={nav}>
      {children}
    </Portal>
  );
}
