'use client';

import { DoctorNotices } from './doctor-notices';
import { VerificationBanner } from './doctor-status';

export function DoctorHeaderNotices() {
  return (
    <div className="portal-notices">
      <VerificationBanner />
      <DoctorNotices />
    </div>
  );
}
