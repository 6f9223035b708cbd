// Turns the zod issues Fastify reports for a request part into field issues: `items.0.qty` in the body,
// and one issue per unknown field (schemas are strict, so a typo is an error, not silently dropped).
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldIssue } from '../errors/request-validation-error.ts';

const locations = ['body', 'querystring', 'params', 'headers'] as const;

/** The field issues of a request validation failure, or undefined for any other error. */
export function validationIssuesOf(error: FastifyError): FieldIssue[] | undefined {
  if (!hasZodFastifySchemaValidationErrors(error)) return undefined;
  const location = locations.find((candidate) => candidate === error.validationContext) ?? 'body';
  return error.validation.flatMap((issue): FieldIssue[] => {
    const path = issue.instancePath.split('/').filter((segment) => segment !== '');
    const unknownKeys = issue.keyword === 'unrecognized_keys' ? stringList(issue.params['keys']) : [];
    if (unknownKeys.length > 0) {
      return unknownKeys.map((key) => ({
        location,
        field: [...path, key].join('.'),
        code: 'unknown_field',
        message: 'unknown field',
      }));
    }
    return [
      { location, field: path.join('.'), code: issue.keyword, message: issue.message ?? 'invalid value' },
    ];
  });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
