// What the logger never writes: secrets by key name, the credentials inside connection URLs, and
// secrets recognisable by their shape (API keys, bearer tokens) wherever they appear in a line.
// Paths use pino's redact syntax; `*` matches one level only, so each key is listed at the top
// level and one level down (e.g. `password` and `config.password`).

export const REDACTED = '[Redacted]';

/** Keys whose whole value is a secret. */
const SECRET_KEYS = [
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'clientSecret',
  'privateKey',
  'webhookSecret',
  'signingSecret',
  'authorization',
  '["x-api-key"]',
  'cardNumber',
  'cvv',
  'cvc',
] as const;

/** Keys holding a URL whose userinfo may carry credentials (amqp://user:pass@host). */
const URL_KEYS = ['url', 'uri', 'amqpUrl', 'mongoUrl', 'natsUrl', 'connectionString', 'servers'] as const;

/** Header objects: HTTP requests and responses, AMQP and NATS headers. */
const SECRET_HEADER_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-api-key"]',
] as const;

const URL_PATHS: readonly string[] = URL_KEYS.flatMap((key) => [key, `*.${key}`]);
const urlPaths = new Set(URL_PATHS);

/** Every path the logger redacts. Documented in README.md; extend it there and here together. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((key) => [key, key.startsWith('[') ? `*${key}` : `*.${key}`]),
  ...SECRET_HEADER_PATHS,
  ...URL_PATHS,
];

/** pino's censor: URLs keep everything but their password; every other secret is replaced whole. */
export function censor(value: unknown, path: readonly string[]): unknown {
  const pattern = path.length > 1 ? `*.${path.at(-1)}` : path.join('.');
  if (!urlPaths.has(pattern)) return REDACTED;
  if (typeof value === 'string') return maskUrlCredentials(value);
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? maskUrlCredentials(item) : REDACTED));
  return value === undefined || value === null ? value : REDACTED;
}

/**
 * `scheme://user:pass@host` → `scheme://user:[Redacted]@host`; a bare token as userinfo
 * (`https://token@host`) is replaced whole. Text without credentials is returned unchanged.
 */
export function maskUrlCredentials(text: string): string {
  return text.replace(
    /([a-z][a-z0-9+.-]*:\/\/)([^@/?#\s]+)@/gi,
    (_match, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      const masked = colon === -1 ? REDACTED : `${userinfo.slice(0, colon)}:${REDACTED}`;
      return `${scheme}${masked}@`;
    },
  );
}

/**
 * Secrets recognised by their shape, masked in every written line whatever key (or message, or error
 * stack) holds them: Conveyor API keys (`cvk_<id>_<secret>`, the format of @conveyor/store; the id is
 * kept, it is not secret) and the credentials of `Bearer` / `Basic` authorization values.
 */
const SECRET_TEXT_PATTERNS: ReadonlyArray<{ pattern: RegExp; replacement: string }> = [
  { pattern: /\bcvk_([a-z0-9]{8,32})_[A-Za-z0-9_-]{16,}/g, replacement: `cvk_$1_${REDACTED}` },
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, replacement: `$1 ${REDACTED}` },
];

/** `text` with every secret of a recognised shape masked (see SECRET_TEXT_PATTERNS). */
export function maskSecretsInText(text: string): string {
  let masked = text;
  for (const { pattern, replacement } of SECRET_TEXT_PATTERNS) masked = masked.replace(pattern, replacement);
  return masked;
}
