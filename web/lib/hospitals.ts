import { hospitalLabel } from './words';

export interface HospitalOption {
  key: string;
  label: string;
}

/**
 * The hospitals people may sign up at, read on the server at request time:
 * PATREC_HOSPITALS="hospitala:Hospital A,hospitalb:Hospital B" (labels optional). The
 * gateway lists no hospitals yet, so the app is told; it refuses an unknown one anyway.
 */
export function hospitalOptions(): HospitalOption[] {
  const configured = process.env.PATREC_HOSPITALS ?? 'hospitala,hospitalb';
  return configured
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [key = '', label] = entry.split(':').map((part) => part.trim());
      return { key, label: label || hospitalLabel(key) };
    })
    .filter((hospital) => hospital.key !== '');
}
