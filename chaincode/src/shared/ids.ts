import { SHA256_HEX } from '@patrec/contract/core';

/**
 * The IDs the chaincode makes from a transaction ID (the rest of the ID scheme is the
 * contract's). A transaction creates at most one consent or access entry, and Fabric refuses
 * a second transaction with the same ID, so the prefixed transaction ID is unique.
 */
export function consentIdFor(txId: string): string {
  return `CON${checkedTxId(txId)}`;
}

export function accessIdFor(txId: string): string {
  return `ACC${checkedTxId(txId)}`;
}

function checkedTxId(txId: string): string {
  // Peers compute the ID as a SHA-256 in hex; anything else would make IDs that the
  // argument checks later refuse.
  if (!SHA256_HEX.test(txId)) throw new Error(`unexpected transaction ID format: ${txId}`);
  return txId;
}
