// Reads the counts out of a vitest JSON report: passed, failed (a file that fails outside any test
// counts as one failure), skipped.
import { existsSync, readFileSync } from 'node:fs';

interface FileResult {
  readonly status: string;
  readonly assertionResults: readonly { readonly status: string }[];
}

interface VitestReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
  readonly testResults: readonly FileResult[];
}

export interface PassCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

function isVitestReport(value: unknown): value is VitestReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return (
    ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'].every(
      (key) => typeof report[key] === 'number',
    ) && Array.isArray(report.testResults)
  );
}

/** Undefined when the file is missing or is not a vitest report. */
export function readCounts(reportFile: string): PassCounts | undefined {
  if (!existsSync(reportFile)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(reportFile, 'utf8'));
  if (!isVitestReport(parsed)) return undefined;
  const brokenFiles = parsed.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: parsed.numPassedTests,
    failed: parsed.numFailedTests + brokenFiles,
    skipped: parsed.numPendingTests + parsed.numTodoTests,
  };
}
