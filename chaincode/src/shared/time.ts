import type { Context } from 'fabric-contract-api';

/**
 * Times on the ledger are ISO-8601 UTC with milliseconds. The format is fixed-width, so
 * times compare and sort correctly as strings (in keys too). The only clock is the
 * transaction header's timestamp, which every endorsing peer sees alike.
 */
export function txTime(ctx: Context): string {
  return isoOfTimestamp(ctx.stub.getTxTimestamp());
}

/** Converts a protobuf timestamp (seconds as a Long, or a number in history entries). */
export function isoOfTimestamp(timestamp: { seconds: unknown; nanos: number }): string {
  const seconds = Number(String(timestamp.seconds));
  return new Date(seconds * 1000 + Math.floor(timestamp.nanos / 1_000_000)).toISOString();
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
