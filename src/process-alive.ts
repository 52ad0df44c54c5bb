// Whether a process of this host is still running: a lock or a version folder whose maker is gone is a leftover.
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: running, under another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
