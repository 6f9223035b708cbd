// `npm start`'s one way out. What it acquires (servers, the mail catcher, the services) registers how to
// stop it; the first exit — Ctrl-C, SIGTERM, a failed start, the end of a demo-only run — stops them in
// reverse order and exits with its code. A step that fails is printed and makes the exit code 1.

export class Shutdown {
  readonly #log: (line: string) => void;
  readonly #exit: (code: number) => never;
  readonly #steps: { what: string; run: () => Promise<void> }[] = [];
  #exiting: Promise<never> | undefined;

  constructor(log: (line: string) => void, exit: (code: number) => never = (code) => process.exit(code)) {
    this.#log = log;
    this.#exit = exit;
  }

  /** `run` is called at exit, after everything registered later has stopped. */
  defer(what: string, run: () => Promise<void>): void {
    this.#steps.push({ what, run });
  }

  /** Ctrl-C (SIGINT) and SIGTERM exit with code 0; a second signal only says it is on its way. */
  exitOnSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (this.#exiting === undefined) void this.exit(0);
        else this.#log(`${signal}: still stopping…`);
      });
    }
  }

  exit(code: number): Promise<never> {
    this.#exiting ??= this.#stopAll(code);
    return this.#exiting;
  }

  async #stopAll(code: number): Promise<never> {
    let exitCode = code;
    if (this.#steps.length > 0) this.#log('\nstopping…');
    for (const step of this.#steps.toReversed()) {
      try {
        await step.run();
      } catch (error) {
        this.#log(`stopping ${step.what} failed: ${error instanceof Error ? error.message : String(error)}`);
        exitCode = exitCode === 0 ? 1 : exitCode;
      }
    }
    return this.#exit(exitCode);
  }
}
