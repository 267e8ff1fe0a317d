import type { Metadata } from 'next';
import { LoginForm } from '@/components/account/login-form';

export const metadata: Metadata = { title: 'Log in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; login?: string }>;
}) {
  const { next, login } = await searchParams;
  return (
    <main id="main" className="page page-narrow">
      <h1>Log in to PatRec</h1>
      <LoginForm next={next} initialLogin={login} />
    </main>
  );
}
