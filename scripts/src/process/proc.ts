import { readFileSync, readdirSync } from 'node:fs';

/** True when the pid exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return !/^State:\s+Z/m.test(status);
  } catch {
    return false;
  }
}

/** Field 22 of /proc/PID/stat, the time the process started, in clock ticks since boot. */
export function startTicks(pid: number): string {
  return statFields(pid)?.[19] ?? '';
}

/**
 * Live processes in the process group `pgid`. A group outlives its leader: a peer killed
 * with SIGKILL leaves the chaincode processes it launched in its group behind.
 */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const fields = statFields(pid);
    if (fields?.[2] === String(pgid) && fields[0] !== 'Z') members.push(pid);
  }
  return members;
}

/** The fields of /proc/PID/stat after the command name, from field 3 (state) on. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces, so count fields after its closing bracket.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
