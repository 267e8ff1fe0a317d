import { expect } from 'chai';
import { integrationApp } from '../test-support/integration-app.js';
import { personFor } from '../test-support/people.js';

type App = Awaited<ReturnType<typeof integrationApp>>;

describe('network status for hospital admins (integration)', function () {
  this.timeout(60_000);
  let gateway: App;
  before(async () => {
    gateway = await integrationApp();
  });
  after(() => gateway.close());

  it("shows each hospital's peer with its height and the committed chaincode", async () => {
    const admin = await personFor(gateway.app, gateway.services, 'admin', 'hospitala');
    const response = await admin.agent.get('/api/network/status').expect(200);
    const status = response.body as {
      channel: string;
      chaincode: { name: string; sequence: number } | null;
      peers: { mspId: string; up: boolean; height: number }[];
    };
    expect(status.channel).to.equal('ehr');
    expect(status.chaincode?.name).to.equal('patrec');
    expect(status.chaincode?.sequence).to.be.greaterThan(0);
    expect(status.peers.map((p) => [p.mspId, p.up])).to.deep.equal([
      ['HospitalAMSP', true],
      ['HospitalBMSP', true],
      ['HospitalCMSP', true],
    ]);
    for (const peer of status.peers) expect(peer.height).to.be.greaterThan(1);
  });
});
