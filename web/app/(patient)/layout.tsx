import type { ReactNode } from 'react';
import { PatientNotices } from '@/components/patient/patient-notices';
import { Portal } from '@/components/shell/portal';

const nav = [
  { href: '/patient', label: 'Overview' },
  { href: '/patient/records', label: 'My records' },
  { href: '/patient/access', label: 'Access' },
  { href: '/patient/history', label: 'History' },
  { href: '/patient/profile', label: 'Profile' },
];

export default function PatientLayout({ children }: { children: ReactNode }) {
  return (
    <Portal role="patient" nav={nav} notices={<PatientNotices />}>
      {children}
    </Portal>
  );
}
