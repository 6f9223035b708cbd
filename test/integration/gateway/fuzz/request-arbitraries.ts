// fast-check arbitraries for requests to one documented route: valid-looking values drawn from the
// route's own schemas, mixed with hostile ones (NATS subject characters, NUL, control characters, huge
// or wrongly typed values, prototype and operator keys, bodies that are not JSON or too large).
import fc from 'fast-check';
import {
  resolved,
  type JsonSchema,
  type OpenApiDocument,
  type Parameter,
  type Route,
} from './openapi-subset.ts';

export type KeyChoice = 'valid' | 'none' | 'garbage';

export interface FuzzRequest {
  method: string;
  url: string;
  key: KeyChoice;
  headers: Record<string, string>;
  payload?: string;
}

/** Path parameters that would change a NATS subject or break its protocol, and other oddities. */
const hostilePathValues = [
  '*',
  '>',
  'a.>',
  'a.*.b',
  'a b',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r\nPUB x 1',
  '.',
  'a..b',
  '\t',
  '%',
  '{}',
  '$where',
  '__proto__',
  'é',
  '😀',
  'x'.repeat(300),
];

/** Broken percent-encoding, sent as is: answered by Fastify's router unless the gateway intervenes. */
const rawPathValues = ['%zz', '%', '%E0%A4%A'];

const hostileStrings = fc.oneof(
  fc.constantFrom(...hostilePathValues),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.string({ maxLength: 400 }),
);

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant({ $where: 'sleep(1000)' }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Values shaped by the schema (often valid), or hostile. */
export function valueOf(document: OpenApiDocument, schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    // Each field is hostile now and then: most bodies then carry one bad field, some none.
    { weight: 12, arbitrary: validLooking(document, schema, depth) },
    { weight: 1, arbitrary: hostileJson },
  );
}

function validLooking(document: OpenApiDocument, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const s = resolved(document, schema);
  const base = shaped(document, s, depth);
  return s.nullable === true ? fc.option(base, { nil: null }) : base;
}

function shaped(document: OpenApiDocument, s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (s.enum !== undefined) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -1e6, -1e6), max: Math.min(s.maximum ?? 1e6, 1e6) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = s.items;
      if (items === undefined || depth > 4) return fc.constant([]);
      return fc.array(validLooking(document, items, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    }
    case 'object': {
      const properties = s.properties ?? {};
      if (depth > 4) return fc.constant({});
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, field]) => [name, valueOf(document, field, depth + 1)]),
      );
      const extra =
        s.additionalProperties === false
          ? fc.constant({})
          : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
      return fc
        .tuple(fc.record(model, { requiredKeys: s.required ?? [] }), extra)
        .map(([known, more]) => ({ ...more, ...known }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'date-time')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((date) => date.toISOString());
  if (s.format === 'email')
    return fc
      .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z]{1,12}$/))
      .map(([local, domain]) => `${local}@${domain}.test`);
  // Examples the description gives ("Europe/Paris", @daily) are valid values a random string never hits.
  const examples = [...(s.description ?? '').matchAll(/"([^"]+)"|(@[a-z]+)/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
  if (examples.length > 0) return fc.oneof(fc.constantFrom(...examples), randomString(s));
  return randomString(s);
}

function randomString(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? 40, 64);
  if (s.pattern !== undefined)
    return fc
      .stringMatching(new RegExp(s.pattern))
      .filter((value) => value.length >= minLength && value.length <= maxLength);
  return fc.string({ minLength, maxLength });
}

function parameterValue(document: OpenApiDocument, parameter: Parameter): fc.Arbitrary<string> {
  const fromSchema = validLooking(document, parameter.schema, 0).map((value) => String(value));
  if (parameter.in === 'header')
    // Header values are Latin-1 without control characters on the wire: hostile ones stay printable.
    return fc.oneof(
      fromSchema,
      fc.string({
        maxLength: 300,
        unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
      }),
    );
  return fc.oneof({ weight: 2, arbitrary: fromSchema }, { weight: 2, arbitrary: hostileStrings });
}

function pathOf(document: OpenApiDocument, route: Route): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
  const parameters = route.operation.parameters ?? [];
  const values = names.map((name) => {
    const parameter = parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
    if (parameter === undefined) throw new Error(`${route.path}: {${name}} is not documented`);
    return fc.oneof(
      { weight: 9, arbitrary: parameterValue(document, parameter).map((value) => encodeURIComponent(value)) },
      { weight: 1, arbitrary: fc.constantFrom(...rawPathValues) },
    );
  });
  return fc.tuple(...values).map((chosen) => {
    let path = route.path;
    names.forEach((name, index) => {
      path = path.replace(`{${name}}`, chosen[index] ?? '');
    });
    return path;
  });
}

function queryOf(document: OpenApiDocument, route: Route): fc.Arbitrary<string> {
  const parameters = (route.operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
  const model = Object.fromEntries(
    parameters.map((parameter) => [parameter.name, parameterValue(document, parameter)]),
  );
  return fc
    .tuple(
      fc.record(model, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }))),
    )
    .map(([known, extra]) => {
      const query = new URLSearchParams(definedEntries(known));
      if (extra !== null) query.append(...extra);
      const text = query.toString();
      return text === '' ? '' : `?${text}`;
    });
}

function headersOf(document: OpenApiDocument, route: Route): fc.Arbitrary<Record<string, string>> {
  const parameters = (route.operation.parameters ?? []).filter((parameter) => parameter.in === 'header');
  return fc
    .record(
      Object.fromEntries(
        parameters.map((parameter) => [parameter.name, parameterValue(document, parameter)]),
      ),
      { requiredKeys: [] },
    )
    .map((headers) => Object.fromEntries(definedEntries(headers)));
}

function definedEntries(record: Record<string, string | undefined>): [string, string][] {
  return Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined);
}

interface Body {
  payload?: string;
  contentType?: string;
}

function bodyOf(document: OpenApiDocument, route: Route, bodyLimitBytes: number): fc.Arbitrary<Body> {
  const schema = route.operation.requestBody?.content['application/json']?.schema;
  if (schema === undefined) return fc.constant({});
  const json = (value: unknown): Body => ({
    payload: JSON.stringify(value),
    contentType: 'application/json',
  });
  const deep = fc
    .integer({ min: 30, max: 80 })
    .map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  return fc.oneof(
    { weight: 6, arbitrary: valueOf(document, schema).map(json) },
    {
      weight: 1,
      arbitrary: fc
        .string({ maxLength: 40 })
        .map((text) => ({ payload: text, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 40 }).map((text) => ({ payload: text, contentType: 'text/plain' })),
    },
    { weight: 1, arbitrary: deep.map((payload) => ({ payload, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc.constant({
        payload: `"${'x'.repeat(bodyLimitBytes + 10)}"`,
        contentType: 'application/json',
      }),
    },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

export function requestsFor(
  document: OpenApiDocument,
  route: Route,
  bodyLimitBytes: number,
): fc.Arbitrary<FuzzRequest> {
  const key = fc.constantFrom<KeyChoice>('valid', 'valid', 'valid', 'none', 'garbage');
  return fc
    .record({
      path: pathOf(document, route),
      query: queryOf(document, route),
      headers: headersOf(document, route),
      body: bodyOf(document, route, bodyLimitBytes),
      key,
    })
    .map(({ path, query, headers, body, key: chosen }) => ({
      method: route.method,
      url: `${path}${query}`,
      key: chosen,
      headers: body.contentType === undefined ? headers : { ...headers, 'content-type': body.contentType },
      ...(body.payload === undefined ? {} : { payload: body.payload }),
    }));
}
