// SIGTERM/SIGINT: the process closes what it opened (in-flight jobs finish), then exits; a second
// signal while closing is ignored, as the bench sends SIGKILL after a grace period anyway.
export function onTermination(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
