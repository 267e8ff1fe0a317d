import type { Metadata } from 'next';
import { PatientSignUpForm } from '@/components/account/patient-sign-up';
import { hospitalOptions } from '@/lib/hospitals';

export const metadata: Metadata = { title: 'Sign up as a patient' };
export const dynamic = 'force-dynamic';

export default function PatientSignUpPage() {
  return (
    <main id="main" className="page page-narrow">
      <PatientSignUpForm hospitals={hospitalOptions()} />
    </main>
  );
}
