// One per process (the Bus holds it, every consumer host shares it): a crash suspect's handler runs
// with nothing beside it, so that if the process dies during it, the death is that message's doing and
// not a companion's. Ordinary handlers run side by side; a suspect waits for those running to finish,
// and handlers arriving after it wait behind it (first come, first served), so it cannot starve.

interface Waiter {
  alone: boolean;
  start: () => void;
}

export class SoloGate {
  #besideRunning = 0;
  #aloneRunning = false;
  readonly #waiting: Waiter[] = [];
  #ranAlone = 0;

  /** Handlers run alone so far (for metrics and tests). */
  get ranAlone(): number {
    return this.#ranAlone;
  }

  /** Runs `work` beside other ordinary handlers, once no suspect runs or waits ahead of it. */
  async beside<T>(work: () => Promise<T>): Promise<T> {
    if (this.#aloneRunning || this.#waiting.length > 0) await this.#queue(false);
    else this.#besideRunning += 1;
    try {
      return await work();
    } finally {
      this.#besideRunning -= 1;
      this.#admit();
    }
  }

  /** Runs `work` with nothing else in the gate, once everything admitted before it has finished. */
  async alone<T>(work: () => Promise<T>): Promise<T> {
    if (this.#aloneRunning || this.#besideRunning > 0 || this.#waiting.length > 0) await this.#queue(true);
    else this.#aloneRunning = true;
    this.#ranAlone += 1;
    try {
      return await work();
    } finally {
      this.#aloneRunning = false;
      this.#admit();
    }
  }

  #queue(alone: boolean): Promise<void> {
    return new Promise((start) => this.#waiting.push({ alone, start }));
  }

  /** Lets in, in arrival order, everything that may run now; admission is counted before it starts. */
  #admit(): void {
    while (!this.#aloneRunning) {
      const next = this.#waiting[0];
      if (next === undefined) return;
      if (next.alone) {
        if (this.#besideRunning > 0) return;
        this.#aloneRunning = true;
      } else {
        this.#besideRunning += 1;
      }
      this.#waiting.shift();
      next.start();
    }
  }
}
