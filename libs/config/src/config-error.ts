import { ConfigErrorCode } from './config-error-codes.ts';

/** Start-up stops with this when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  readonly code = ConfigErrorCode.configInvalid;
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(
      'invalid configuration:\n' + issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export interface ConfigIssue {
  variable: string;
  message: string;
}
