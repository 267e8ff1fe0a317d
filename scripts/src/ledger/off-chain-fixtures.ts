/**
 * Personal values that the integration tests keep off-chain: record text and an emergency
 * reason (whose hashes go on chain), and the people the gateway's tests and the demo seed
 * sign up. The block scan checks that none of them reached the ledger.
 */
export const recordText = 'ECG 2026-11-02: atrial fibrillation, rate 118; start apixaban 5 mg';
export const emergencyReason =
  'Unconscious after a car crash on the E4; suspected internal bleeding';

export const personalValues = [
  recordText,
  emergencyReason,
  // gateway/src/accounts/accounts.integration.test.ts
  'Lindqvist',
  '1987-03-14',
  '12 Elm Street',
  'Uppsala',
  'Okafor',
  '3 Harbour Road',
  // gateway/src/seed/demo-accounts.ts
  '1980-04-12',
  '1 Demo Street',
  'patient@patrec.demo',
  // gateway/src/seed/demo-network.ts: the demo network's people, records and emergency
  'Santos',
  '27 Rua das Flores',
  '1957-09-23',
  'Bjerkeveien',
  'Rahman',
  'Haddad',
  'Left ventricular hypertrophy',
  'Plaque psoriasis',
  'Found collapsed at home',
  'Immunisation record',
];
