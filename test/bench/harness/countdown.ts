// Resolves once a fixed number of events has been counted: "every message was handled".
export interface Countdown {
  readonly done: Promise<void>;
  count(): number;
  tick(): void;
}

export function countdown(expected: number): Countdown {
  let counted = 0;
  let resolve: () => void = () => undefined;
  const done = new Promise<void>((settle) => {
    resolve = settle;
  });
  if (expected <= 0) resolve();
  return {
    done,
    count: () => counted,
    tick() {
      counted += 1;
      if (counted === expected) resolve();
    },
  };
}
