import { networkReport } from '@patrec/contract';
import { route, type Route } from '../http/route.js';
import type { IdentityLookup, Ledger } from '../ledger/ledger.js';
import { networkStatus } from './network-status.js';

export function networkRoutes(ledger: Ledger, identities: IdentityLookup): Route[] {
  return [
    route({
      method: 'get',
      path: '/network/status',
      summary: "Each hospital's peer with its channel height, and the committed chaincode",
      tag: 'network',
      access: ['admin', 'auditor'],
      response: networkReport,
      handler: ({ session }) => networkStatus(session!, ledger, (id) => identities.identityOf(id)),
    }),
  ];
}
