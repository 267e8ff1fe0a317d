import type { Metadata } from 'next';
import { PasswordResetForm } from '@/components/account/password-reset-form';

export const metadata: Metadata = { title: 'Forgot your password?' };

export default async function PasswordResetPage({
  searchParams,
}: {
  searchParams: Promise<{ login?: string }>;
}) {
  const { login } = await searchParams;
  return (
    <main id="main" className="page page-narrow">
      <h1>Forgot your password?</h1>
      <PasswordResetForm initialLogin={login} />
    </main>
  );
}
