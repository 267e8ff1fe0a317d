import type { ReactNode } from 'react';
import { AdminNotices } from '@/components/admin/admin-notices';
import { Portal } from '@/components/shell/portal';

const nav = [
  { href: '/admin', label: 'Doctors and network' },
  { href: '/admin/account', label: 'My account' },
];

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <Portal role="admin" nav={nav} notices={<AdminNotices />}>
      {children}
    </Portal>
  );
}
