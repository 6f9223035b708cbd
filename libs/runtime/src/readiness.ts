// Readiness as every /readyz reports it: a check answers ready, or not ready with the reason an
// operator needs (the broker cancelled a consumer, the inbox database has not answered since …).
// One evaluation for the plain health server, the gateway and the dashboard.

export interface NotReady {
  readonly ready: false;
  readonly reason: string;
}

export type Readiness = boolean | NotReady;

export type ReadinessCheck = () => Promise<Readiness> | Readiness;

export interface ReadinessReport {
  /** True when every required check passed; informational checks never decide it. */
  readonly ready: boolean;
  readonly checks: Record<string, boolean>;
  /** Why a failed check failed, where it said; empty when nothing did. */
  readonly reasons: Record<string, string>;
}

export function notReady(reason: string): NotReady {
  return { ready: false, reason };
}

/** Ready when there is no reason not to be; several reasons are joined into one line. */
export function readyUnless(reasons: readonly string[]): Readiness {
  return reasons.length === 0 ? true : notReady(reasons.join('; '));
}

export async function evaluateReadiness(
  required: Record<string, ReadinessCheck>,
  informational: Record<string, ReadinessCheck> = {},
): Promise<ReadinessReport> {
  const [requiredResults, informationalResults] = await Promise.all([
    evaluateChecks(required),
    evaluateChecks(informational),
  ]);
  return {
    ready: Object.values(requiredResults.checks).every(Boolean),
    checks: { ...requiredResults.checks, ...informationalResults.checks },
    reasons: { ...requiredResults.reasons, ...informationalResults.reasons },
  };
}

async function evaluateChecks(
  checks: Record<string, ReadinessCheck>,
): Promise<Omit<ReadinessReport, 'ready'>> {
  const reasons: Record<string, string> = {};
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        const readiness = await check();
        if (typeof readiness === 'boolean') return [name, readiness] as const;
        reasons[name] = readiness.reason;
        return [name, false] as const;
      } catch (error) {
        // A check that throws is a failed check: the probe says so, and why, rather than erroring.
        reasons[name] = error instanceof Error ? error.message : String(error);
        return [name, false] as const;
      }
    }),
  );
  return { checks: Object.fromEntries(entries), reasons };
}
