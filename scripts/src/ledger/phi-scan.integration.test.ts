import { expect } from 'chai';
import { loadNetworkConfig } from '../config/network-config.js';
import { LedgerActors } from './ledger-actors.js';
import { personalValues } from './off-chain-fixtures.js';

const config = loadNetworkConfig();

/**
 * Runs after the other integration tests (mocha orders files by name; the runner runs the
 * workspaces' tests first): reads every block of the channel and looks for the personal
 * values those tests stored off-chain, in plain text and in base64.
 */
describe('no personal data on the ledger (integration: every block of the channel)', function () {
  this.timeout(300_000);
  const actors = new LedgerActors(config);
  after(() => actors.close());

  it('finds none of the personal values the tests kept off-chain in any block', async () => {
    const auditor = await actors.enroll(config.hospitals[0]!, 'auditor');
    const info = await auditor.qscc('GetChainInfo', config.channel);
    const height = chainHeight(info);
    expect(height).to.be.greaterThan(5);

    const needles = personalValues.flatMap((value) => [
      Buffer.from(value),
      Buffer.from(Buffer.from(value).toString('base64')),
    ]);
    const found: string[] = [];
    for (let block = 0; block < height; block += 1) {
      const bytes = Buffer.from(
        await auditor.qscc('GetBlockByNumber', config.channel, String(block)),
      );
      for (const needle of needles) {
        if (bytes.includes(needle)) found.push(`block ${block}: ${needle.toString()}`);
      }
    }
    expect(found).to.deep.equal([]);
  });
});

/** BlockchainInfo is a protobuf: field 1 (height) is a varint right after tag 0x08. */
function chainHeight(info: Uint8Array): number {
  if (info[0] !== 0x08) throw new Error('unexpected BlockchainInfo encoding');
  let value = 0;
  for (let i = 1, shift = 0; i < info.length; i += 1, shift += 7) {
    const byte = info[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  return value;
}
