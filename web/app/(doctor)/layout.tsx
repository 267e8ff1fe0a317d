import type { ReactNode } from 'react';
import { DoctorHeaderNotices } from '@/components/doctor/doctor-header-notices';
import { Portal } from '@/components/shell/portal';

const nav = [
  { href: '/doctor', label: 'Overview' },
  { href: '/doctor/patients', label: 'Find a patient' },
  { href: '/doctor/records/new', label: 'Add a record' },
  { href: '/doctor/emergency', label: 'Emergency' },
  { href: '/doctor/audit', label: 'My access log' },
  { href: '/doctor/account', label: 'My account' },
];

export default function DoctorLayout({ children }: { children: ReactNode }) {
  return (
    <Portal role="doctor" nav={nav} notices={<DoctorHeaderNotices />}>
      {children}
    </Portal>
  );
}
