/** Whether a process id names a live process (used to tell a stale lock or run folder from a live one). */

/** True when `pid` is alive (EPERM: alive, owned by another user); false when no such process exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
