/**
 * The server child's process id and resident memory, read from /proc (Linux), so the suite measures the
 * server as production runs it rather than a test-only counter.
 */
import { readFileSync } from 'node:fs';

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

/** This process's soft limit on open files (`ulimit -n`), from /proc/self/limits. */
export function openFilesLimit(): number {
  const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
  return line === undefined || line === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line);
}
