// Reads the environment once through a zod schema whose keys are the variable names themselves,
// so an error can always name the variable. The result is frozen: config is read, never mutated.
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error.ts';

type EnvSchema = z.ZodObject;

export function loadConfig<S extends EnvSchema>(
  schema: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Readonly<z.infer<S>> {
  const known = Object.keys(schema.shape);
  // Only the schema's own variables are read: the process environment holds many unrelated keys.
  const input = Object.fromEntries(known.map((key) => [key, emptyToUndefined(env[key])]));
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues: ConfigIssue[] = result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(environment)'),
      message: issue.message,
    }));
    throw new ConfigError(issues);
  }
  return Object.freeze(result.data);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
