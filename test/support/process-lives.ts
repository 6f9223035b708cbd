// Whether a process id belongs to a running process: per-run resources named after a run's pid (its
// PostgreSQL database, its vhost) are cleaned up by later runs once that process is gone.

export function processLives(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
