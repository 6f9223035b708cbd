// A rig variable that takes one of a few words (CONVEYOR_DOCKER, TEST_SERVER_SOURCE): unset or empty is
// the default; anything else must be one of the words, or the run stops naming the variable.
import type { Environment } from './server-urls.ts';

export class EnvChoiceError extends Error {
  readonly code = 'ENV_CHOICE_INVALID';
  constructor(variable: string, choices: readonly string[], value: string) {
    super(`${variable} must be one of ${choices.join(', ')}; got "${value}"`);
    this.name = 'EnvChoiceError';
  }
}

/** The first of `choices` is the default. */
export function envChoice<T extends string>(
  env: Environment,
  variable: string,
  choices: readonly [T, ...T[]],
): T {
  const value = env[variable]?.trim() ?? '';
  if (value === '') return choices[0];
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) throw new EnvChoiceError(variable, choices, value);
  return choice;
}
