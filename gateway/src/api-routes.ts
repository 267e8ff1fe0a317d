import { accountsRoutes } from './accounts/accounts-routes.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { consentsRoutes } from './consents/consents-routes.js';
import type { GatewayServices } from './gateway-services.js';
import { eventsRoutes } from './events/events-routes.js';
import { networkRoutes } from './network/network-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import { doctorsRoutes } from './doctors/doctors-routes.js';
import { healthRoutes } from './health/health-routes.js';
import type { Route } from './http/route.js';
import { patientsRoutes } from './patients/patients-routes.js';
import { recordsRoutes } from './records/records-routes.js';

/** Every endpoint of the API, in the order the OpenAPI document lists them. */
export function apiRoutes(services: GatewayServices, config: GatewayConfig): Route[] {
  return [
    ...healthRoutes([
      { name: 'database', check: async () => (await services.db.command({ ping: 1 })).ok === 1 },
      { name: 'ledger', check: () => services.ledger.reachable() },
    ]),
    ...accountsRoutes({
      accounts: services.accounts,
      store: services.store,
      sessions: services.sessions,
      credentials: services.credentials,
      doctorProfileChanged: (doctorId) => services.doctorCards.forget(doctorId),
      secureCookies: config.secureCookies,
    }),
    ...recordsRoutes(services.records),
    ...patientsRoutes(services.patients),
    ...consentsRoutes(services.consents),
    ...doctorsRoutes(services.ledger, services.doctorCards, services.sessions, (hospital) =>
      mspOf(config, hospital),
    ),
    ...auditRoutes(services.ledger, services.records, services.sweeps),
    ...networkRoutes(services.ledger, services.wallet),
    ...eventsRoutes(services.listener, services.sessions, (hospital) => mspOf(config, hospital)),
  ];
}

function mspOf(config: GatewayConfig, hospital: string): string {
  return config.network.hospitals.find((h) => h.key === hospital)?.mspId ?? '';
}
