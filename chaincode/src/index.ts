import { HealthContract } from './health/health-contract';

// fabric-shim starts every contract listed here; the first is the default namespace.
export const contracts = [HealthContract];
