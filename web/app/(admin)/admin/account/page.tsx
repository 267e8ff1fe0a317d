import type { Metadata } from 'next';
import { AccountView } from '@/components/account/account-view';

export const metadata: Metadata = { title: 'My account' };

export default function AdminAccountPage() {
  return (
    <>
      <h1>My account</h1>
      <AccountView />
    </>
  );
}
