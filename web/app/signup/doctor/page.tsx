import type { Metadata } from 'next';
import { DoctorSignUpForm } from '@/components/account/doctor-sign-up';
import { hospitalOptions } from '@/lib/hospitals';

export const metadata: Metadata = { title: 'Sign up as a doctor' };
export const dynamic = 'force-dynamic';

export default function DoctorSignUpPage() {
  return (
    <main id="main" className="page page-narrow">
      <DoctorSignUpForm hospitals={hospitalOptions()} />
    </main>
  );
}
