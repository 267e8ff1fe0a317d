import { connectivityState as state } from '@grpc/grpc-js';
import { expect } from 'chai';
import { peerOrder } from './peer-order.js';

describe('which peer a call goes to', () => {
  it("tries the person's own hospital first while its connection is not failing", () => {
    for (const own of [state.READY, state.IDLE, state.CONNECTING]) {
      const order = peerOrder('A', [
        ['A', own],
        ['B', state.IDLE],
        ['C', state.READY],
      ]);
      expect(order).to.deep.equal(['A', 'C', 'B']);
    }
  });

  it('tries the other hospitals first, connected ones first, when its own is failing', () => {
    const order = peerOrder('A', [
      ['A', state.TRANSIENT_FAILURE],
      ['B', state.TRANSIENT_FAILURE],
      ['C', state.READY],
    ]);
    expect(order).to.deep.equal(['C', 'B', 'A']);
  });
});
