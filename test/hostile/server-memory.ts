/**
 * The server child's process id and resident memory, read from /proc (Linux), so the suite measures the
 * server as production runs it rather than a test-only counter.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** VmRSS of `pid` in MB, or undefined once the process is gone. */
export function residentMb(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kilobytes = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
}

/**
 * The newest child of this process whose command line contains `fragment`. `startServerProcess`
 * (test/soak) spawns `node --import tsx server/main.ts` directly, so the server is our child, not a
 * grandchild.
 */
export function childPid(fragment: string): number {
  let newest: { pid: number; startedAt: number } | undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    let cmdline: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // gone while we looked
    }
    // The command name is in parentheses and may hold spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parent = Number(fields[1]);
    const startedAt = Number(fields[19]);
    if (parent !== process.pid || !cmdline.includes(fragment)) continue;
    if (!newest || startedAt > newest.startedAt) newest = { pid: Number(entry), startedAt };
  }
  if (!newest) throw new Error(`no child process running ${fragment}`);
  return newest.pid;
}

/** This process's soft limit on open files (`ulimit -n`), from /proc/self/limits. */
export function openFilesLimit(): number {
  const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
  return line === undefined || line === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line);
}
