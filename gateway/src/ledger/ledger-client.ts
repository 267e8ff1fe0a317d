import {
  encodeArguments,
  transactions,
  type TransactionDefinition,
  type TransactionInput,
  type TransactionResult,
  type Transactions,
} from '@patrec/contract';
import { ApiError } from '../http/api-error.js';

/** Sends one transaction's arguments and returns the chaincode's answer as text. */
export interface TransactionSender {
  evaluate(fullName: string, args: string[]): Promise<string>;
  submit(fullName: string, args: string[]): Promise<string>;
}

/**
 * The ledger as typed functions, one per transaction of the contract's catalogue:
 * `ledger.access.accessRecord({ recordId })` resolves to a validated RecordAccess.
 */
export type LedgerClient = {
  [C in keyof Transactions]: {
    [T in keyof Transactions[C]]: Transactions[C][T] extends TransactionDefinition
      ? (
          input: TransactionInput<Transactions[C][T]>,
        ) => Promise<TransactionResult<Transactions[C][T]>>
      : never;
  };
};

/**
 * A chaincode that answers off-contract: a bug on our side, never the caller's fault, so
 * it is logged and answered 500.
 */
export class LedgerAnswerError extends Error {
  override name = 'LedgerAnswerError';

  constructor(
    readonly transaction: string,
    problem: string,
  ) {
    super(`${transaction} answered off-contract: ${problem}`);
  }
}

/**
 * A bookmark is the one argument of a list the gateway cannot check at the edge: only the
 * ledger knows which list it came from. So when the ledger calls a list's arguments invalid
 * and a bookmark was given, the request was bad (400, in the ledger's words), not a
 * well-formed one whose meaning the ledger refused (422).
 */
function asBadBookmark(definition: TransactionDefinition, input: object, error: unknown): unknown {
  const { bookmark } = input as { bookmark?: unknown };
  const pagedWithBookmark = 'bookmark' in definition.args && !!bookmark;
  return pagedWithBookmark && error instanceof ApiError && error.code === 'UNPROCESSABLE'
    ? new ApiError('INVALID_ARGUMENT', error.message)
    : error;
}

/** The answer of a transaction, checked against its schema at the boundary. */
export function decodeResult<D extends TransactionDefinition>(
  definition: D,
  text: string,
): TransactionResult<D> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const result = definition.result.safeParse(json);
  if (!result.success) {
    throw new LedgerAnswerError(definition.fullName, result.error.message);
  }
  return result.data as TransactionResult<D>;
}

export function ledgerClient(sender: TransactionSender): LedgerClient {
  const client: Record<string, Record<string, (input: object) => Promise<unknown>>> = {};
  for (const [contractName, group] of Object.entries(transactions)) {
    const functions: Record<string, (input: object) => Promise<unknown>> = {};
    for (const [key, definition] of Object.entries(group) as [string, TransactionDefinition][]) {
      functions[key] = async (input) => {
        const args = encodeArguments(definition, input);
        let text: string;
        try {
          text = definition.submit
            ? await sender.submit(definition.fullName, args)
            : await sender.evaluate(definition.fullName, args);
        } catch (error) {
          throw asBadBookmark(definition, input, error);
        }
        return decodeResult(definition, text);
      };
    }
    client[contractName] = functions;
  }
  return client as LedgerClient;
}
