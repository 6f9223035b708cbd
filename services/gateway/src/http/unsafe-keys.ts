// Keys no request body may use, at any depth: `__proto__` and `constructor` can reach an object's
// prototype in code that copies or merges the body, `$…` keys are MongoDB operators when a body
// ends up in a query or update, and empty, dotted or NUL-bearing keys cannot be stored as field names. Each is reported as a field issue naming where it is. Nesting is
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
      else if (storableKeyProblem(key) !== undefined)
        issues.push(issueAt(at, 'forbidden_key', storableKeyProblem(key) ?? ''));
      else pending.push({ value: child, path: at });
    }
  }
  return issues;
}

/**
 * Why a key cannot be stored as a document field name: BSON names are NUL-terminated, and FerretDB
 * (like older MongoDB) refuses empty names and names with a '.'; undefined when it can be.
 */
function storableKeyProblem(key: string): string | undefined {
  if (key === '') return 'keys must not be empty';
  if (key.includes('.')) return "keys must not contain '.'";
  if (key.includes('\u0000')) return 'keys must not contain NUL';
  return undefined;
}

function issueAt(path: readonly string[], code: string, message: string): FieldIssue {
  return { location: 'body', field: path.join('.'), code, message };
}
