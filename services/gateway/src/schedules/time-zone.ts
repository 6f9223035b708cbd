// IANA time zones as the runtime's ICU knows them; aliases are stored by their canonical name ('utc' → 'UTC').

/** The canonical name of `timeZone`, or undefined when it is not a time zone. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    // RangeError is how Intl says "no such time zone".
    return undefined;
  }
}
