import { z } from 'zod';
import { LEDGER_EVENT_NAMES, type LedgerEventName } from '../events.js';

/** A chaincode event as the gateway keeps it and GET /api/events sends it: IDs only. */
export const ledgerEvent = z.object({
  /** Position in the channel: block × 100000 + index within the block. Also the SSE id. */
  seq: z.number().int(),
  name: z.enum(LEDGER_EVENT_NAMES as [LedgerEventName, ...LedgerEventName[]]),
  ids: z.record(z.string(), z.string().nullable()),
  txId: z.string(),
  blockNumber: z.number().int(),
});
export type LedgerEvent = z.infer<typeof ledgerEvent>;
