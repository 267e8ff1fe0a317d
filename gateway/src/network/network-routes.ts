import { z } from 'zod';
import { route, type Route } from '../http/route.js';
import type { IdentityLookup, Ledger } from '../ledger/ledger.js';
import { networkStatus } from './network-status.js';

const status = z.object({
  channel: z.string(),
  chaincode: z.object({ name: z.string(), version: z.string(), sequence: z.number() }).nullable(),
  peers: z.array(
    z.object({
      hospital: z.string(),
      mspId: z.string(),
      endpoint: z.string(),
      up: z.boolean(),
      height: z.number().nullable(),
    }),
  ),
});

export function networkRoutes(ledger: Ledger, identities: IdentityLookup): Route[] {
  return [
    route({
      method: 'get',
      path: '/network/status',
      summary: "Each hospital's peer with its channel height, and the committed chaincode",
      tag: 'network',
      access: ['admin', 'auditor'],
      response: status,
      handler: ({ session }) => networkStatus(session!, ledger, (id) => identities.identityOf(id)),
    }),
  ];
}
