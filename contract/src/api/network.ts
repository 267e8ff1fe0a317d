import { z } from 'zod';

export const healthReport = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.object({ up: z.boolean() })),
});
export type HealthReport = z.infer<typeof healthReport>;

export const peerStatus = z.object({
  hospital: z.string(),
  mspId: z.string(),
  endpoint: z.string(),
  up: z.boolean(),
  height: z.number().nullable(),
});
export type PeerStatus = z.infer<typeof peerStatus>;

export const networkReport = z.object({
  channel: z.string(),
  chaincode: z.object({ name: z.string(), version: z.string(), sequence: z.number() }).nullable(),
  peers: z.array(peerStatus),
});
export type NetworkReport = z.infer<typeof networkReport>;
