// The statement a MongoDB span records: the command's fields and, one level down, the fields of its
// filter or update, with every value replaced by `?`. The instrumentation's default walks the whole
// command (each inserted document included) on every round trip, a few per cent of a busy worker's
// CPU (see test/bench/PERFORMANCE.md); this shape says which query ran without customer data.
type Command = Record<string, unknown>;

export function mongodbStatementShape(command: Command): string {
  const shape: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(command)) shape[key] = oneLevel(value);
  return JSON.stringify(shape);
}

function oneLevel(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '?';
  if (value instanceof Date || !isPlainObject(value)) return '?';
  return Object.fromEntries(Object.keys(value).map((key) => [key, '?']));
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
