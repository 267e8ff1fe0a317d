'use client';

import type { PeerStatus } from '@patrec/contract';
import { api, ApiFailure } from '@/lib/api';
import { useLoad } from '@/lib/hooks';
import { hospitalLabel } from '@/lib/words';
import { Button } from '../ui/button';
import { ErrorNotice, InfoNotice, Loading } from '../ui/notice';

function NodeTable({ caption, nodes }: { caption: string; nodes: PeerStatus[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Organisation</th>
            <th scope="col">State</th>
            <th scope="col">Channel height</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.endpoint}>
              <th scope="row">
                <code>{node.endpoint}</code>
              </th>
              <td data-label="Organisation">
                {node.hospital ? hospitalLabel(node.hospital) : node.mspId}
              </td>
              <td data-label="State" className={node.up ? 'up' : 'down'}>
                {node.up ? 'up' : 'down'}
              </td>
              <td data-label="Channel height">{node.height ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Network health: services, each peer's channel height, and the committed chaincode. */
export function NetworkStatus() {
  const network = useLoad(() => api.networkStatus(), []);
  const health = useLoad(() => api.health(), []);
  const missing = network.error instanceof ApiFailure && network.error.status === 404;
  const report = network.data;
  const heights = (report?.peers ?? []).map((p) => p.height).filter((h) => h !== null);
  const behind = heights.length > 1 && Math.max(...heights) !== Math.min(...heights);

  return (
    <section aria-labelledby="network-heading">
      <div className="page-title">
        <h2 id="network-heading">Network status</h2>
        <Button
          variant="secondary"
          busy={network.loading || health.loading}
          busyText="Asking…"
          onClick={() => {
            network.reload();
            health.reload();
          }}
        >
          Refresh
        </Button>
      </div>
      {health.data ? (
        <ul className="status" aria-label="Services">
          {Object.entries(health.data.checks).map(([name, { up }]) => (
            <li key={name} className={up ? 'up' : 'down'}>
              {name}: {up ? 'up' : 'down'}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorNotice error={health.error} title="The gateway's health check failed." />
      {network.loading && !report ? <Loading>Asking each peer…</Loading> : null}
      {missing ? (
        <InfoNotice>
          This gateway does not report peers and channel heights; operators see them with{' '}
          <code>npm run status</code>.
        </InfoNotice>
      ) : (
        <ErrorNotice error={network.error} title="Network status unavailable." />
      )}
      {report ? (
        <>
          {report.channel ? (
            <p>
              Channel <strong>{report.channel}</strong>
              {report.chaincode ? (
                <>
                  , chaincode <strong>{report.chaincode.name}</strong> version{' '}
                  <code>{report.chaincode.version}</code>, sequence {report.chaincode.sequence}
                </>
              ) : (
                ', no chaincode committed'
              )}
              .
            </p>
          ) : null}
          {behind ? (
            <div className="notice notice-warn" role="status">
              The peers&apos; channel heights differ: one is catching up (or stuck).
            </div>
          ) : null}
          <NodeTable caption="Peers" nodes={report.peers} />
          <p className="muted">The gateway does not report the orderers.</p>
        </>
      ) : null}
    </section>
  );
}
