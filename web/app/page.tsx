import type { HealthReport } from '@patrec/contract';
import Link from 'next/link';

export const dynamic = 'force-dynamic';

/** Asks the gateway whether the ledger and the record store answer. */
async function gatewayHealth(): Promise<HealthReport | undefined> {
  const gateway = process.env.PATREC_GATEWAY_URL ?? 'http://127.0.0.1:4000';
  try {
    const response = await fetch(`${gateway}/api/health`, { cache: 'no-store' });
    return (await response.json()) as HealthReport;
  } catch {
    return undefined;
  }
}

export default async function Home() {
  const health = await gatewayHealth();
  return (
    <main id="main" className="page page-narrow home">
      <h1>PatRec</h1>
      <p className="lead">
        Your health records, kept by your hospitals and read only by the doctors you allow. Every
        consent and every access is written to a ledger that you can inspect.
      </p>
      <div className="actions">
        <Link className="button button-primary" href="/login">
          Log in
        </Link>
        <Link className="button button-secondary" href="/signup/patient">
          Sign up as a patient
        </Link>
        <Link className="button button-secondary" href="/signup/doctor">
          Sign up as a doctor
        </Link>
      </div>
      <h2>System status</h2>
      {health ? (
        <ul className="status" aria-label="system status">
          {Object.entries(health.checks).map(([name, { up }]) => (
            <li key={name} className={up ? 'up' : 'down'}>
              {name}: {up ? 'up' : 'down'}
            </li>
          ))}
        </ul>
      ) : (
        <p role="alert">The gateway does not answer.</p>
      )}
    </main>
  );
}
