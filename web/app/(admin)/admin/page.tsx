import type { Metadata } from 'next';
import { DoctorsAdmin } from '@/components/admin/doctors-admin';
import { NetworkStatus } from '@/components/admin/network-status';

export const metadata: Metadata = { title: 'Hospital admin' };

export default function AdminHome() {
  return (
    <>
      <h1>Hospital admin</h1>
      <DoctorsAdmin />
      <NetworkStatus />
    </>
  );
}
