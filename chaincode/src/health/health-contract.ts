import type { CallerIdentity } from '@patrec/contract';
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { toSortedJson } from '../shared/ledger-json';

/**
 * Liveness of the contract itself: a no-op transaction that goes through endorsement,
 * ordering and commit (the ledger's throughput ceiling), and an echo of the caller's
 * certificate attributes (the proof that hospital CAs issue what the contract reads).
 */
@Info({ title: 'HealthContract', description: 'Liveness and caller identity' })
export class HealthContract extends Contract {
  constructor() {
    super('health');
  }

  /** Writes nothing; returns the transaction ID so callers can find it in a block. */
  @Transaction()
  @Returns('string')
  Ping(ctx: Context): Promise<string> {
    return Promise.resolve(toSortedJson({ txId: ctx.stub.getTxID() }));
  }

  @Transaction(false)
  @Returns('string')
  WhoAmI(ctx: Context): Promise<string> {
    return Promise.resolve(toSortedJson(callerIdentity(ctx)));
  }
}

/** Who the ledger believes the caller is: taken from the certificate, never from arguments. */
export function callerIdentity(ctx: Context): CallerIdentity {
  const identity = ctx.clientIdentity;
  return {
    mspId: identity.getMSPID(),
    role: identity.getAttributeValue('role'),
    patrecId: identity.getAttributeValue('patrecId'),
  };
}
