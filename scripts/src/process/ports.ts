import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import type { Endpoint } from '../config/network-config.js';

/** Resolves true when nothing listens on the endpoint (we could bind it ourselves). */
export function isPortFree({ host, port }: Endpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Resolves true when a TCP connection to the endpoint succeeds. */
export function isListening(
  target: Endpoint | { path: string },
  timeoutMs = 1000,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(
      'path' in target ? target : { host: target.host, port: target.port },
    );
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Names the process listening on a local TCP port, from /proc: "pid 123 (node server.js)". */
export function describePortHolder(port: number): string {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      const state = cols[3];
      const inode = cols[9];
      // State 0A is LISTEN; the local address ends in the port in hex.
      if (local && inode && state === '0A' && parseInt(local.split(':')[1] ?? '', 16) === port) {
        inodes.add(inode);
      }
    }
  }
  if (inodes.size === 0) return 'a process this user cannot see';
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match?.[1] && inodes.has(match[1])) return `pid ${pid} (${commandLine(Number(pid))})`;
    }
  }
  return 'a process this user cannot see';
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Fails with every taken port, who wanted it and which process holds it. */
export async function assertPortsFree(ports: { owner: string; endpoint: Endpoint }[]) {
  const taken: string[] = [];
  for (const { owner, endpoint } of ports) {
    if (!(await isPortFree(endpoint))) {
      taken.push(
        `  ${endpoint.host}:${endpoint.port} (for ${owner}) is held by ${describePortHolder(endpoint.port)}`,
      );
    }
  }
  if (taken.length > 0) {
    throw new PortInUseError(
      `ports PatRec needs are in use:\n${taken.join('\n')}\n` +
        'Stop those processes, or change the ports in network/network.json.',
    );
  }
}
