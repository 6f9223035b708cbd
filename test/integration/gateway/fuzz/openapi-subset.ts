// The part of an OpenAPI 3.0 document the fuzz test reads: paths, operations, parameters, request and
// response schemas, and the JSON-schema keywords the gateway's document uses (checked on load, so a new
// keyword fails loudly instead of being ignored).
import { z } from 'zod';

export interface JsonSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
}

export const jsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.strictObject({
    $ref: z.string().optional(),
    type: z.enum(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']).optional(),
    properties: z.record(z.string(), jsonSchema).optional(),
    required: z.array(z.string()).optional(),
    additionalProperties: z.union([z.boolean(), jsonSchema]).optional(),
    items: jsonSchema.optional(),
    enum: z.array(z.unknown()).optional(),
    nullable: z.boolean().optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    pattern: z.string().optional(),
    format: z.string().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    minItems: z.number().optional(),
    maxItems: z.number().optional(),
    default: z.unknown().optional(),
    description: z.string().optional(),
  }),
);

const content = z.record(z.string(), z.object({ schema: jsonSchema }));

export const parameter = z.object({
  in: z.enum(['path', 'query', 'header']),
  name: z.string(),
  required: z.boolean().optional(),
  schema: jsonSchema,
});

export type Parameter = z.infer<typeof parameter>;

export const operation = z.object({
  parameters: z.array(parameter).optional(),
  requestBody: z.object({ required: z.boolean().optional(), content }).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  responses: z.record(
    z.string(),
    z.object({ description: z.string().optional(), content: content.optional() }),
  ),
});

export type Operation = z.infer<typeof operation>;

export const openApiDocument = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), operation)),
  components: z.object({ schemas: z.record(z.string(), jsonSchema) }),
});

export type OpenApiDocument = z.infer<typeof openApiDocument>;

export interface Route {
  method: string;
  path: string;
  operation: Operation;
}

export function routesOf(document: OpenApiDocument): Route[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, operation: op })),
  );
}

/** Follows `$ref: #/components/schemas/<name>`. */
export function resolved(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components.schemas[name];
  if (target === undefined) throw new Error(`unresolved $ref ${schema.$ref}`);
  return resolved(document, target);
}
