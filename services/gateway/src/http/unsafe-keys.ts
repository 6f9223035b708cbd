// Keys no request body may use, at any depth: `__proto__` and `constructor` can reach an object's
// prototype in code that copies or merges the body, and `$…` keys are MongoDB operators when a body
// ends up in a query or update. Each is reported as a field issue naming where it is. Nesting is
// bounded too, so that no later recursive step (validation, BSON) can overflow the stack.
import type { FieldIssue } from '../errors/request-validation-error.ts';

export const maxBodyDepth = 32;

const prototypeKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

/** Every unsafe key of a parsed JSON body (iteratively: the body itself may be deeply nested). */
export function unsafeKeyIssues(body: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pending: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= maxBodyDepth) {
      issues.push(issueAt(path, 'too_deep', `nested more than ${maxBodyDepth} levels deep`));
      continue;
    }
    // Object.keys includes an own `__proto__` (JSON.parse makes it an own property, not the prototype).
    for (const key of Object.keys(value)) {
      const child: unknown = (value as Record<string, unknown>)[key];
      const at = [...path, key];
      if (prototypeKeys.has(key))
        issues.push(issueAt(at, 'forbidden_key', `the key '${key}' is not allowed`));
      else if (key.startsWith('$')) issues.push(issueAt(at, 'forbidden_key', "keys must not start with '$'"));
      else pending.push({ value: child, path: at });
    }
  }
  return issues;
}

function issueAt(path: readonly string[], code: string, message: string): FieldIssue {
  return { location: 'body', field: path.join('.'), code, message };
}
