// The whole contract. `@patrec/contract/core` is its dependency-free part.
export * from './core.js';
export * as fields from './fields.js';
export type { Page } from './fields.js';
export type { Argument } from './ledger/arguments.js';
export * from './ledger/objects.js';
export * from './ledger/transactions.js';
export * from './forms/clinical-forms.js';
export type { FieldDefinition } from './forms/fields.js';
export * from './forms/record-content.js';
export * from './api/accounts.js';
export * from './api/audit.js';
export * from './api/common.js';
export * from './api/consents.js';
export * from './api/doctors.js';
export * from './api/errors.js';
export * from './api/events.js';
export * from './api/network.js';
export * from './api/records.js';
