'use client';

import type { IntegrityProblem, SweepResult } from '@patrec/contract';
import { useState } from 'react';
import { api } from '@/lib/api';
import { useAction, useLoad } from '@/lib/hooks';
import { formatMoment } from '@/lib/words';
import { Button } from '../ui/button';
import { ErrorNotice, Loading, SuccessNotice } from '../ui/notice';

const problemText: Record<IntegrityProblem, string> = {
  'hash-mismatch': 'contents do not match the ledger hash',
  missing: 'contents missing from the store',
  'does-not-decrypt': 'contents do not decrypt',
};

/** Integrity: alerts raised by reads and sweeps, and a sweep on demand. */
export function IntegrityView() {
  const alerts = useLoad(() => api.integrityAlerts(), []);
  const sweep = useAction();
  const [result, setResult] = useState<SweepResult>();

  const runSweep = async () => {
    const done = await sweep.run(() => api.integritySweep());
    if (!done) return;
    setResult(done);
    alerts.reload();
  };

  return (
    <>
      <h1>Integrity</h1>
      <p className="lead">
        Every stored record must hash to what the ledger holds for it. Reads check this each time; a
        sweep checks every record now.
      </p>
      <Button
        busy={sweep.busy}
        busyText="Checking every record against the ledger…"
        onClick={() => void runSweep()}
      >
        Run an integrity sweep
      </Button>
      <ErrorNotice error={sweep.error} title="The sweep did not finish." />
      {result ? (
        result.findings.length === 0 ? (
          <SuccessNotice>
            Sweep done: all {result.checked} records match their ledger hashes.
          </SuccessNotice>
        ) : (
          <div className="notice notice-error" role="alert">
            Sweep done: {result.findings.length} of {result.checked} records failed (listed below).
          </div>
        )
      ) : null}
      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">
          Alerts <span className="count">{alerts.data?.items.length ?? 0}</span>
        </h2>
        <ErrorNotice error={alerts.error} title="The alerts could not be loaded." />
        {alerts.loading && !alerts.data ? <Loading /> : null}
        {alerts.data && alerts.data.items.length === 0 ? (
          <p className="empty">No record has failed an integrity check.</p>
        ) : null}
        {alerts.data && alerts.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Integrity alerts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Detected</th>
                  <th scope="col">Record</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Found by</th>
                </tr>
              </thead>
              <tbody>
                {alerts.data.items.map((alert, index) => (
                  <tr
                    key={`${alert.recordId}-${alert.detectedAt}-${index}`}
                    className="row-emergency"
                  >
                    <td>{formatMoment(alert.detectedAt)}</td>
                    <td>
                      <code>{alert.recordId}</code> v{alert.version}
                    </td>
                    <td>{problemText[alert.problem]}</td>
                    <td>{alert.detectedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
