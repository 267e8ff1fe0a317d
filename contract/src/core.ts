// The dependency-free part of the contract: what the chaincode loads at run time.
export * from './events.js';
export * from './ids.js';
export * from './reads.js';
export * from './refusals.js';
export * from './scopes.js';
export * from './vocabulary.js';
