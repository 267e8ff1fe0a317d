import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  allPorts,
  ConfigError,
  loadNetworkConfig,
  networkConfigPath,
  parseNetworkConfig,
} from './network-config.js';

/** The parts of network.json these tests change. */
interface RawNetwork {
  channel: string;
  services: { gateway: { port: number } };
  ordererOrg: { orderers: { port: number }[] };
  hospitals: { peers: { host?: string; port: number }[] }[];
}

const committed = () => JSON.parse(readFileSync(networkConfigPath, 'utf8')) as RawNetwork;

function refusal(raw: unknown): string {
  try {
    parseNetworkConfig(raw, 'test.json');
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('network configuration', () => {
  it('describes the default topology: 3 Raft orderers, 3 hospitals with a CA and a peer each', () => {
    const config = loadNetworkConfig();
    expect(config.ordererOrg.orderers.map((o) => o.name)).to.deep.equal([
      'orderer0',
      'orderer1',
      'orderer2',
    ]);
    expect(config.hospitals.map((h) => h.mspId)).to.deep.equal([
      'HospitalAMSP',
      'HospitalBMSP',
      'HospitalCMSP',
    ]);
    expect(config.hospitals.map((h) => h.peers[0]?.id)).to.deep.equal([
      'peer0.hospitala',
      'peer0.hospitalb',
      'peer0.hospitalc',
    ]);
    expect(config.channel).to.equal('ehr');
  });

  it('puts every node on 127.0.0.1 by default and lets a node name its own host', () => {
    const raw = committed();
    raw.hospitals[1]!.peers[0]!.host = '10.0.0.7';
    const config = parseNetworkConfig(raw);
    expect(config.hospitals[0]?.peers[0]?.host).to.equal('127.0.0.1');
    expect(config.hospitals[1]?.peers[0]?.host).to.equal('10.0.0.7');
  });

  it('gives every process a distinct port', () => {
    const ports = allPorts(loadNetworkConfig()).map((p) => `${p.endpoint.host}:${p.endpoint.port}`);
    expect(new Set(ports).size).to.equal(ports.length);
  });

  it('refuses two processes on one port, naming both', () => {
    const raw = committed();
    raw.services.gateway.port = raw.ordererOrg.orderers[0]!.port;
    expect(refusal(raw)).to.match(
      /orderer0 and gateway both use 127\.0\.0\.1:7050|gateway and orderer0/,
    );
  });

  it('refuses a port out of range, naming the field', () => {
    const raw = committed();
    raw.hospitals[0]!.peers[0]!.port = 70000;
    expect(refusal(raw)).to.equal(
      'test.json: hospitals[0].peers[0].port must be a port number between 1 and 65535',
    );
  });

  it('refuses fewer than three orderers', () => {
    const raw = committed();
    raw.ordererOrg.orderers = raw.ordererOrg.orderers.slice(0, 2);
    expect(refusal(raw)).to.match(/at least 3 orderers/);
  });

  it('refuses a channel name Fabric would reject', () => {
    const raw = committed();
    raw.channel = 'EHR Channel';
    expect(refusal(raw)).to.match(/channel must be lower-case letters/);
  });
});
