// Checks a value against a response schema of the served OpenAPI document (the subset in
// openapi-subset.ts); returns the problems found, each naming where, empty when the value is valid.
import { resolved, type JsonSchema, type OpenApiDocument } from './openapi-subset.ts';

export function schemaProblems(
  document: OpenApiDocument,
  schema: JsonSchema,
  value: unknown,
  at = '$',
): string[] {
  const s = resolved(document, schema);
  if (value === null)
    return s.nullable === true || s.type === 'null' || s.type === undefined ? [] : [`${at}: null`];
  if (s.enum !== undefined && !s.enum.some((option) => option === value))
    return [`${at}: not one of the enum`];
  switch (s.type) {
    case undefined:
      return [];
    case 'string':
      return typeof value !== 'string' ? [`${at}: not a string`] : stringProblems(s, value, at);
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (s.type === 'integer' && !Number.isInteger(value)))
        return [`${at}: not an ${s.type}`];
      if ((s.minimum !== undefined && value < s.minimum) || (s.maximum !== undefined && value > s.maximum))
        return [`${at}: out of range`];
      return [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
    case 'null':
      return [`${at}: not null`];
    case 'array': {
      if (!Array.isArray(value)) return [`${at}: not an array`];
      if (value.length < (s.minItems ?? 0) || value.length > (s.maxItems ?? Infinity))
        return [`${at}: item count`];
      const items = s.items;
      return items === undefined
        ? []
        : value.flatMap((item, index) => schemaProblems(document, items, item, `${at}[${index}]`));
    }
    case 'object':
      return typeof value === 'object' && !Array.isArray(value)
        ? objectProblems(document, s, value as Record<string, unknown>, at)
        : [`${at}: not an object`];
  }
}

function stringProblems(s: JsonSchema, value: string, at: string): string[] {
  const problems: string[] = [];
  if (value.length < (s.minLength ?? 0) || value.length > (s.maxLength ?? Infinity))
    problems.push(`${at}: length`);
  if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value))
    problems.push(`${at}: pattern ${s.pattern}`);
  if (s.format === 'date-time' && Number.isNaN(Date.parse(value))) problems.push(`${at}: not a date-time`);
  return problems;
}

function objectProblems(
  document: OpenApiDocument,
  s: JsonSchema,
  value: Record<string, unknown>,
  at: string,
): string[] {
  const properties = s.properties ?? {};
  const problems = (s.required ?? [])
    .filter((name) => !(name in value))
    .map((name) => `${at}.${name}: missing`);
  for (const [name, field] of Object.entries(value)) {
    const declared = properties[name];
    if (declared !== undefined) problems.push(...schemaProblems(document, declared, field, `${at}.${name}`));
    else if (s.additionalProperties === false) problems.push(`${at}.${name}: not documented`);
    else if (typeof s.additionalProperties === 'object')
      problems.push(...schemaProblems(document, s.additionalProperties, field, `${at}.${name}`));
  }
  return problems;
}
