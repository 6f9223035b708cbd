// What the CLI reads and writes, passed in by main.ts so that nothing else touches process globals.
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: long-running commands (watch, tail) stop then and close cleanly. */
  readonly interrupted: AbortSignal;
}
