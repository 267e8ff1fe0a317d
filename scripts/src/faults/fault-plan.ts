/** What the fault run kills, in the order it cycles through them. */
export const FAULT_KINDS = ['raft-leader', 'peer', 'database', 'gateway', 'web'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export class FaultPlanError extends Error {
  override name = 'FaultPlanError';
}

export interface PlanOptions {
  minutes: number;
  /** Seconds from one kill to the next (a kill waits for the one before it to recover). */
  intervalSeconds: number;
  /** Seconds of load before the first kill. */
  firstAtSeconds: number;
  /** No kill later than this many seconds before the load ends, so the last one settles. */
  settleSeconds: number;
  kinds: readonly FaultKind[];
}

export interface PlannedFault {
  kind: FaultKind;
  /** Seconds after the load began. */
  atSeconds: number;
  /** How many kills of this kind came before it: which peer, for `peer`. */
  occurrence: number;
}

/** The kills of a run: every `intervalSeconds`, cycling through `kinds`, none too late. */
export function planFaults(options: PlanOptions): PlannedFault[] {
  const { minutes, intervalSeconds, firstAtSeconds, settleSeconds, kinds } = options;
  if (kinds.length === 0) throw new FaultPlanError('no fault kinds to cycle through');
  const lastAt = minutes * 60 - settleSeconds;
  const seen = new Map<FaultKind, number>();
  const plan: PlannedFault[] = [];
  for (let at = firstAtSeconds, i = 0; at <= lastAt; at += intervalSeconds, i += 1) {
    const kind = kinds[i % kinds.length]!;
    const occurrence = seen.get(kind) ?? 0;
    seen.set(kind, occurrence + 1);
    plan.push({ kind, atSeconds: at, occurrence });
  }
  return plan;
}

/** `raft-leader,gateway` → the kinds, refusing unknown ones with the list of known ones. */
export function parseFaultKinds(text: string): FaultKind[] {
  const kinds = text
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean);
  const unknown = kinds.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0 || kinds.length === 0) {
    throw new FaultPlanError(
      `--faults takes a comma-separated list of ${FAULT_KINDS.join(', ')}` +
        (unknown.length ? ` (not: ${unknown.join(', ')})` : ''),
    );
  }
  return kinds as FaultKind[];
}
