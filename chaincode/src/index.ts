import { AccessContract } from './access/access-contract';
import { AuditContract } from './audit/audit-contract';
import { ConsentContract } from './consents/consent-contract';
import { HealthContract } from './health/health-contract';
import { ParticipantContract } from './participants/participant-contract';
import { RecordContract } from './records/record-contract';

// fabric-shim starts every contract listed here; the first is the default namespace.
export const contracts = [
  HealthContract,
  ParticipantContract,
  RecordContract,
  ConsentContract,
  AccessContract,
  AuditContract,
];
