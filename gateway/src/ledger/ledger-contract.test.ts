import type { ServiceError } from '@grpc/grpc-js';
import {
  CommitError,
  EndorseError,
  GatewayError,
  type Contract,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { transactions } from '@patrec/contract';
import { expect } from 'chai';
import { ApiError } from '../http/api-error.js';
import { LedgerContract, PeerUnreachable, type PreparedWrite } from './ledger.js';
import { LedgerAnswerError, ledgerClient, type TransactionSender } from './ledger-client.js';

const mvcc = () =>
  new CommitError({ code: 11, transactionId: 'tx', message: 'MVCC_READ_CONFLICT' });
const endorsementFailure = () =>
  new CommitError({ code: 10, transactionId: 'tx', message: 'ENDORSEMENT_POLICY_FAILURE' });
const createRecord = transactions.records.createRecord.fullName;
/** The peers answered differently: one was a block behind (or, with a message, refused). */
const endorsedApart = (detail = 'ProposalResponsePayloads do not match') =>
  new EndorseError({
    code: 10,
    transactionId: 'tx',
    cause: new Error('grpc') as ServiceError,
    details: [{ address: 'peer0', mspId: 'HospitalBMSP', message: detail }],
    message: '10 ABORTED: failed to collect enough transaction endorsements',
  });

const deadlineExceeded = () =>
  new GatewayError({
    code: 4,
    details: [],
    cause: new Error('grpc') as ServiceError,
    message: '4 DEADLINE_EXCEEDED',
  });
const done = new TextEncoder().encode('done');

/**
 * A transaction as the peers endorsed it: its commit status is `status`, after the first
 * `lostAnswers` waits for it failed as an orderer's death or a deadline would.
 */
function endorsed(id: string, status: { code: number; successful: boolean }, lostAnswers = 0) {
  const sends: string[] = [];
  const transaction = {
    getTransactionId: () => id,
    getBytes: () => new TextEncoder().encode(`envelope ${id}`),
    getResult: () => done,
    submit: () => {
      sends.push(id);
      return Promise.resolve({
        getBytes: () => new TextEncoder().encode(`status of ${id}`),
        getStatus: () =>
          sends.length <= lostAnswers
            ? Promise.reject(deadlineExceeded())
            : Promise.resolve({ ...status, transactionId: id, blockNumber: 7n }),
      });
    },
  } as unknown as Transaction;
  return { transaction, sends };
}

const valid = { code: 0, successful: true };

/**
 * A contract whose endorsements fail with the given errors (a CommitError: endorsed, then
 * committed invalid with its code), then commit "done".
 */
function contractFailing(errors: Error[], lostAnswers = 0) {
  let calls = 0;
  const sends: string[] = [];
  const contract = {
    newProposal: () => ({
      endorse: () => {
        calls += 1;
        const error = errors.shift();
        if (error && !(error instanceof CommitError)) return Promise.reject(error);
        const status = error ? { code: error.code, successful: false } : valid;
        const made = endorsed(`tx${calls}`, status, lostAnswers);
        const submit = made.transaction.submit.bind(made.transaction);
        made.transaction.submit = (options) => {
          sends.push(made.transaction.getTransactionId());
          return submit(options);
        };
        return Promise.resolve(made.transaction);
      },
    }),
  } as unknown as Contract;
  return { ledger: new LedgerContract(contract), calls: () => calls, sends };
}

describe('ledger submits', () => {
  it('retries a transaction that lost an MVCC read conflict, and succeeds', async () => {
    const { ledger, calls } = contractFailing([mvcc(), mvcc()]);
    expect(await ledger.submit(createRecord, [])).to.equal('done');
    expect(calls()).to.equal(3);
  });

  it('gives up after three MVCC conflicts with 409', async () => {
    const { ledger, calls } = contractFailing([mvcc(), mvcc(), mvcc(), mvcc()]);
    const error = await ledger.submit(createRecord, []).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(409);
    expect(calls()).to.equal(3);
  });

  it('sends a transaction again when the peers disagreed while one caught up', async () => {
    const { ledger, calls } = contractFailing([endorsedApart()]);
    expect(await ledger.submit(createRecord, [])).to.equal('done');
    expect(calls()).to.equal(2);
  });

  it('answers 503 with Retry-After when the peers keep disagreeing, never 500', async () => {
    const { ledger, calls } = contractFailing([endorsedApart(), endorsedApart(), endorsedApart()]);
    const error = await ledger.submit(createRecord, []).catch((e: unknown) => e);
    expect([(error as ApiError).status, (error as ApiError).retryAfter]).to.deep.equal([503, 5]);
    expect(calls()).to.equal(3);
  });

  it('does not send again what a peer refused', async () => {
    const { ledger, calls } = contractFailing([
      endorsedApart('chaincode response 500, FORBIDDEN(NOT_YOURS): DOC7 may not'),
    ]);
    const error = await ledger.submit(createRecord, []).catch((e: unknown) => e);
    expect((error as ApiError).details).to.deep.equal({ reason: 'NOT_YOURS' });
    expect(calls()).to.equal(1);
  });

  it('asks once more when the refusal may be a peer a moment behind: no consent, not found', async () => {
    const noConsent = () =>
      endorsedApart('chaincode response 500, FORBIDDEN(NO_CONSENT): DOC7 holds no grant');
    const { ledger, calls } = contractFailing([noConsent()]);
    expect(await ledger.submit(createRecord, [])).to.equal('done');
    expect(calls()).to.equal(2);
    const refusing = contractFailing([noConsent(), noConsent()]);
    const error = await refusing.ledger.submit(createRecord, []).catch((e: unknown) => e);
    expect([(error as ApiError).details, refusing.calls()]).to.deep.equal([
      { reason: 'NO_CONSENT' },
      2,
    ]);
  });

  it('never retries any other failure', async () => {
    const { ledger, calls } = contractFailing([endorsementFailure()]);
    await ledger.submit(createRecord, []).catch(() => undefined);
    expect(calls()).to.equal(1);
  });
});

describe('a submit whose outcome is unknown', () => {
  it('sends the same endorsed transaction again until the ledger says, and answers what committed', async () => {
    const { ledger, calls, sends } = contractFailing([], 2);
    expect(await ledger.submit(createRecord, [])).to.equal('done');
    expect(calls()).to.equal(1);
    expect(sends).to.deep.equal(['tx1', 'tx1', 'tx1']);
  });

  it('hands each endorsed transaction to beforeOrdering before it is sent', async () => {
    const { ledger, sends } = contractFailing([mvcc()]);
    const seen: { prepared: string; sentBefore: number }[] = [];
    ledger.state.beforeOrdering = (prepared: PreparedWrite) => {
      seen.push({
        prepared: `${prepared.transactionId}: ${new TextDecoder().decode(prepared.bytes)}`,
        sentBefore: sends.length,
      });
      return Promise.resolve();
    };
    await ledger.submit(createRecord, []);
    expect(seen).to.deep.equal([
      { prepared: 'tx1: envelope tx1', sentBefore: 0 },
      { prepared: 'tx2: envelope tx2', sentBefore: 1 },
    ]);
  });

  it('has every other peer asked for the commit before it answers', async () => {
    const { ledger } = contractFailing([], 1);
    const asked: string[] = [];
    ledger.state.afterCommit = (request) => {
      asked.push(new TextDecoder().decode(request));
      return Promise.resolve();
    };
    await ledger.submit(createRecord, []);
    expect(asked).to.deep.equal(['status of tx1']);
  });

  it('sends nothing when beforeOrdering fails (the transaction could not be kept)', async () => {
    const { ledger, sends } = contractFailing([]);
    ledger.state.beforeOrdering = () => Promise.reject(new Error('store down'));
    const error = await ledger.submit(createRecord, []).catch((e: unknown) => e);
    expect([sends.length, ledger.state.ordered]).to.deep.equal([0, false]);
    expect((error as Error).message).to.equal('store down');
  });
});

/** A sender that records what it was asked and answers with `answer`. */
function recordingSender(answer: unknown) {
  const sent: { kind: string; fullName: string; args: string[] }[] = [];
  const reply = (kind: string) => (fullName: string, args: string[]) => {
    sent.push({ kind, fullName, args });
    return Promise.resolve(JSON.stringify(answer));
  };
  const sender: TransactionSender = { evaluate: reply('evaluate'), submit: reply('submit') };
  return { sender, sent };
}

const page = { items: [], bookmark: '' };

describe('typed ledger client', () => {
  it('sends arguments in the chaincode order as strings, blanks for what is left out', async () => {
    const { sender, sent } = recordingSender(page);
    await ledgerClient(sender).access.listAccessLog({ recordId: 'PAT1REC0', pageSize: 50 });
    expect(sent).to.deep.equal([
      {
        kind: 'evaluate',
        fullName: transactions.access.listAccessLog.fullName,
        args: ['', 'PAT1REC0', '', '', '', '50', ''],
      },
    ]);
  });

  it('submits what changes the ledger, with JSON for structured arguments', async () => {
    const consent = {
      consentId: `CON${'a'.repeat(64)}`,
      patientId: 'PAT1',
      doctorId: 'DOC1',
      origin: 'share',
      status: 'GRANTED',
      scope: { categories: ['cardiac'] },
      permission: 'read',
      durationSeconds: 86_400,
      purpose: null,
      reasonHash: null,
      createdAt: '2026-12-01T10:00:00.000Z',
      decidedAt: '2026-12-01T10:00:00.000Z',
      expiresAt: '2026-12-02T10:00:00.000Z',
      revokedAt: null,
      effectiveStatus: 'GRANTED',
    };
    const { sender, sent } = recordingSender(consent);
    const shared = await ledgerClient(sender).consents.shareWith({
      doctorId: 'DOC1',
      scope: { categories: ['cardiac'] },
      permission: 'read',
      durationSeconds: 86_400,
    });
    expect(shared.effectiveStatus).to.equal('GRANTED');
    expect(sent[0]).to.deep.equal({
      kind: 'submit',
      fullName: transactions.consents.shareWith.fullName,
      args: ['DOC1', '{"categories":["cardiac"]}', 'read', '86400'],
    });
  });

  it("answers 400 in the ledger's words when it refuses a list call with a bookmark", async () => {
    const refusal = 'bookmark does not belong to this query';
    const refuse = () => Promise.reject(new ApiError('UNPROCESSABLE', refusal));
    const client = ledgerClient({ evaluate: refuse, submit: refuse });
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => expect.fail('the call was not refused'),
        (error: ApiError) => [error.status, error.message],
      );
    const bookmark = 'AHJlY29yZABQQVQxAA';
    const outcomes = await Promise.all([
      outcome(client.records.listRecords({ patientId: 'PAT1', bookmark })),
      outcome(client.access.getRecordDirectory({ patientId: 'PAT1', bookmark })),
      // Without a bookmark, or outside a list, what the ledger refuses stays a refused meaning.
      outcome(client.records.listRecords({ patientId: 'PAT1' })),
      outcome(client.records.getRecord({ recordId: 'PAT1REC0' })),
    ]);
    expect(outcomes).to.deep.equal([
      [400, refusal],
      [400, refusal],
      [422, refusal],
      [422, refusal],
    ]);
  });

  it('refuses an answer the contract does not describe, naming the transaction', async () => {
    const { sender } = recordingSender({ items: [{ accessId: 'not an access' }], bookmark: '' });
    const error = await ledgerClient(sender)
      .access.listAccessLog({})
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(LedgerAnswerError);
    expect((error as LedgerAnswerError).transaction).to.equal(
      transactions.access.listAccessLog.fullName,
    );
  });
});

describe('a peer that does not answer', () => {
  const unavailable = () =>
    new EndorseError({
      code: 14,
      transactionId: 'tx',
      cause: new Error('grpc') as ServiceError,
      details: [],
      message: '14 UNAVAILABLE: connection refused',
    });

  it('may be tried elsewhere when nothing was ordered yet (endorse or evaluate)', async () => {
    const { ledger } = contractFailing([unavailable()]);
    const error = await ledger.submit(createRecord, []).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PeerUnreachable);
    expect((error as ApiError).status).to.equal(503);
    const evaluating = new LedgerContract({
      evaluateTransaction: () =>
        Promise.reject(
          new GatewayError({
            code: 14,
            details: [],
            cause: new Error('grpc') as ServiceError,
            message: '14 UNAVAILABLE',
          }),
        ),
    } as unknown as Contract);
    const evaluated = await evaluating.evaluate(createRecord, []).catch((e: unknown) => e);
    expect(evaluated).to.be.instanceOf(PeerUnreachable);
  });

  it('is never tried elsewhere once the work has ordered a transaction', async () => {
    const { ledger } = contractFailing([]);
    await ledger.submit(createRecord, []);
    const failing = new LedgerContract(
      contractFailing([unavailable()]).ledger.contract,
      ledger.state,
    );
    const error = await failing.submit(createRecord, []).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect(error).to.not.be.instanceOf(PeerUnreachable);
    expect((error as ApiError).status).to.equal(503);
  });
});
