import { expect } from 'chai';
import { takeSseMessages } from './event-stream.js';

describe('Server-Sent Events parsing', () => {
  it('takes complete messages, skips comments and keeps the unfinished tail', () => {
    const { messages, rest } = takeSseMessages(
      ': connected\n\nid: 700001\nevent: RecordCreated\ndata: {"seq":700001}\n\n: keep-alive\n\nid: 7000',
    );
    expect(messages).to.deep.equal([
      {},
      { id: '700001', event: 'RecordCreated', data: '{"seq":700001}' },
      {},
    ]);
    expect(rest).to.equal('id: 7000');
  });

  it('joins data lines and accepts CRLF line ends', () => {
    const { messages, rest } = takeSseMessages('event: x\r\ndata: a\r\ndata: b\r\n\r\n');
    expect(messages).to.deep.equal([{ event: 'x', data: 'a\nb' }]);
    expect(rest).to.equal('');
  });
});
