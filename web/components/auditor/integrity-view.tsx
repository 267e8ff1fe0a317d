'use client';

import type { IntegrityAlert, IntegrityProblem, IntegritySweep, Page } from '@patrec/contract';
import { useEffect, useState } from 'react';
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

/** How often a running sweep's progress is asked for. */
const PROGRESS_EVERY_MS = 1000;

/** Integrity: alerts raised by reads and sweeps, newest first, and a sweep on demand. */
export function IntegrityView() {
  const firstPage = useLoad(() => api.integrityAlerts(), []);
  const [later, setLater] = useState<Page<IntegrityAlert>>();
  const more = useAction();
  const start = useAction();
  const [sweep, setSweep] = useState<IntegritySweep>();
  const [progressError, setProgressError] = useState<unknown>();

  const alerts = [...(firstPage.data?.items ?? []), ...(later?.items ?? [])];
  const bookmark = later ? later.bookmark : firstPage.data?.bookmark;

  const loadMore = async () => {
    if (!bookmark) return;
    const page = await more.run(() => api.integrityAlerts(bookmark));
    if (page)
      setLater({ items: [...(later?.items ?? []), ...page.items], bookmark: page.bookmark });
  };
  const showNewest = () => {
    setLater(undefined);
    firstPage.reload();
  };

  const running = sweep?.state === 'running';
  useEffect(() => {
    if (!sweep || !running) return;
    const timer = setTimeout(() => {
      api.integritySweep(sweep.sweepId).then(
        (next) => {
          setProgressError(undefined);
          setSweep(next);
          if (next.state !== 'running') showNewest();
        },
        // Asked again at the next tick; the notice says why the figures stand still.
        (error: unknown) => {
          setProgressError(error);
          setSweep({ ...sweep });
        },
      );
    }, PROGRESS_EVERY_MS);
    return () => clearTimeout(timer);
  }, [sweep, running]);

  const runSweep = async () => {
    const started = await start.run(() => api.startIntegritySweep());
    if (started) setSweep(started);
  };

  return (
    <>
      <h1>Integrity</h1>
      <p className="lead">
        Every record on the ledger must have stored contents that hash to what the ledger holds for
        it. Reads check this each time; a sweep checks every record now, in the background.
      </p>
      <Button
        busy={start.busy || running}
        busyText="Checking every record against the ledger…"
        onClick={() => void runSweep()}
      >
        Run an integrity sweep
      </Button>
      <ErrorNotice error={start.error} title="The sweep did not start." />
      {sweep ? <SweepReport sweep={sweep} /> : null}
      <ErrorNotice error={progressError} title="The sweep's progress could not be read." />
      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        <ErrorNotice error={firstPage.error} title="The alerts could not be loaded." />
        {firstPage.loading && !firstPage.data ? <Loading /> : null}
        {firstPage.data && alerts.length === 0 ? (
          <p className="empty">No record has failed an integrity check.</p>
        ) : null}
        {alerts.length > 0 ? <AlertTable alerts={alerts} /> : null}
        {bookmark ? (
          <Button
            variant="secondary"
            busy={more.busy}
            busyText="Loading…"
            onClick={() => void loadMore()}
          >
            Load older alerts
          </Button>
        ) : null}
        <ErrorNotice error={more.error} />
      </section>
    </>
  );
}

function SweepReport({ sweep }: { sweep: IntegritySweep }) {
  const { state, checked, failed } = sweep;
  if (state === 'running') {
    return (
      <Loading>
        {checked} records checked so far, {failed} failed…
      </Loading>
    );
  }
  if (state === 'failed') {
    return (
      <div className="notice notice-error" role="alert">
        <strong>The sweep stopped after {checked} records. </strong>
        {sweep.failure}
      </div>
    );
  }
  if (state === 'interrupted') {
    return (
      <div className="notice notice-error" role="alert">
        The sweep was interrupted after {checked} records (its gateway stopped). Run it again.
      </div>
    );
  }
  return failed === 0 ? (
    <SuccessNotice>Sweep done: all {checked} records match their ledger hashes.</SuccessNotice>
  ) : (
    <div className="notice notice-error" role="alert">
      Sweep done: {failed} of {checked} records failed (listed below as alerts).
    </div>
  );
}

function AlertTable({ alerts }: { alerts: IntegrityAlert[] }) {
  return (
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
          {alerts.map((alert, index) => (
            <tr key={`${alert.recordId}-${alert.detectedAt}-${index}`} className="row-emergency">
              <td data-label="Detected">{formatMoment(alert.detectedAt)}</td>
              <td data-label="Record">
                <code>{alert.recordId}</code> v{alert.version}
              </td>
              <td data-label="Problem">{problemText[alert.problem]}</td>
              <td data-label="Found by">{alert.detectedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
