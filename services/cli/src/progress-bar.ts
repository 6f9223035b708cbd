// A progress bar for bulk publish and replay, on stderr and only when stderr is a terminal: piped or
// redirected output gets no control characters. Redrawn at most ten times a second.

export interface Progress {
  tick(count?: number): void;
  /** Draws the final state and ends the line. Idempotent. */
  done(): void;
}

/** What is drawn on: stderr, or anything with `write` (tests). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const redrawEveryMs = 100;

export function progressBar(stream: ProgressStream, label: string, total: number): Progress {
  if (stream.isTTY !== true || total <= 1) return { tick: () => undefined, done: () => undefined };
  let current = 0;
  let drawnAt = 0;
  let finished = false;
  const draw = () => {
    const counts = ` ${current}/${total}`;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - counts.length - 4));
    const filled = Math.round((current / total) * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${counts}`);
    drawnAt = Date.now();
  };
  draw();
  return {
    tick(count = 1) {
      current = Math.min(total, current + count);
      if (Date.now() - drawnAt >= redrawEveryMs || current === total) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      draw();
      stream.write('\n');
    },
  };
}
