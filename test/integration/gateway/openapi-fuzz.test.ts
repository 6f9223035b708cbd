// Property-based fuzzing of the gateway from its own served OpenAPI document (/docs/json): for every
// documented route, FUZZ_RUNS_PER_ROUTE requests (at least 200) mixing valid-looking and hostile path
// parameters, queries, headers, bodies and keys. Asserted for each answer: no 5xx; the status is
// documented for that route; the body matches the documented schema; without a key, every route but the
// public ones answers 401. The seed is printed; FUZZ_SEED=<n> replays a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, routesOf, type OpenApiDocument, type Route } from './fuzz/openapi-subset.ts';
import { requestsFor, type FuzzRequest } from './fuzz/request-arbitraries.ts';
import { schemaProblems } from './fuzz/schema-check.ts';
import { json, openGateway, type GatewayFixture } from './gateway-fixture.ts';

const runsPerRoute = Math.max(200, Number(process.env['FUZZ_RUNS_PER_ROUTE'] ?? 200));
const seed = process.env['FUZZ_SEED'] === undefined ? Date.now() % 2 ** 31 : Number(process.env['FUZZ_SEED']);
const bodyLimitBytes = 4_096;
/** The routes the README documents as needing no key. */
const publicPaths = new Set(['/healthz', '/readyz']);
const garbageKey = `cvk_000000000000_${'x'.repeat(43)}`;

describe('gateway fuzzing from its OpenAPI document', () => {
  let gateway: GatewayFixture;
  let document: OpenApiDocument;
  const sent = new Map<string, number>();
  const statuses = new Map<string, Record<string, number>>();
  beforeAll(async () => {
    gateway = await openGateway({
      // Limits high enough that the requests with a valid key reach the routes (both limits have tests of their own).
      options: {
        bodyLimitBytes,
        rateLimit: { perSecond: 1e6, burst: 1e6 },
        authFailureLimit: { perSecond: 1e6, burst: 1e6 },
      },
    });
    await gateway.answerQuotes((message) => {
      const { sku, qty } = message.body;
      return Promise.resolve({ sku, qty, available: true, unitPriceCents: 250, totalCents: 250 * qty });
    });
    document = openApiDocument.parse(json(await gateway.app.inject({ method: 'GET', url: '/docs/json' })));
    console.info(
      `openapi fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}), ${runsPerRoute} requests per route`,
    );
  });
  afterAll(async () => {
    console.info(`openapi fuzz: requests sent per route: ${JSON.stringify(Object.fromEntries(sent))}`);
    console.info(`openapi fuzz: statuses per route: ${JSON.stringify(Object.fromEntries(statuses))}`);
    await gateway.cleanUp();
  });

  it('documents no public route but /healthz and /readyz', () => {
    const open = routesOf(document).filter((route) => route.operation.security === undefined);
    expect(open.map((route) => route.path).filter((path) => !publicPaths.has(path))).toEqual([]);
  });

  it(`sends ${runsPerRoute} generated requests to every documented route: documented statuses and bodies only`, async () => {
    for (const [index, route] of routesOf(document).entries()) {
      const name = `${route.method} ${route.path}`;
      sent.set(name, 0);
      await fc.assert(
        fc.asyncProperty(requestsFor(document, route, bodyLimitBytes), async (request) => {
          sent.set(name, (sent.get(name) ?? 0) + 1);
          await checkAnswer(route, request);
        }),
        { seed: seed + index, numRuns: runsPerRoute },
      );
      expect(sent.get(name), name).toBeGreaterThanOrEqual(runsPerRoute);
    }
  }, 300_000);

  async function checkAnswer(route: Route, request: FuzzRequest): Promise<void> {
    const key =
      request.key === 'valid'
        ? gateway.auth
        : request.key === 'garbage'
          ? { authorization: `Bearer ${garbageKey}` }
          : {};
    const response = await gateway.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { ...request.headers, ...key },
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    const tally = statuses.get(`${route.method} ${route.path}`) ?? {};
    tally[response.statusCode] = (tally[response.statusCode] ?? 0) + 1;
    statuses.set(`${route.method} ${route.path}`, tally);
    const what = `${request.method} ${request.url} (key: ${request.key}) → ${response.statusCode} ${response.body.slice(0, 300)}`;
    expect(response.statusCode, what).toBeLessThan(500);
    const documented = route.operation.responses[String(response.statusCode)];
    expect(documented, `${what}: status not documented`).toBeDefined();
    if (request.key === 'none' && !publicPaths.has(route.path)) {
      expect(response.statusCode, what).toBe(401);
      expect(json(response), what).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
    if (response.statusCode === 204) return;
    const schema = documented?.content?.['application/json']?.schema;
    expect(schema, `${what}: no JSON schema documented`).toBeDefined();
    if (schema === undefined) return;
    let body: unknown;
    expect(() => {
      body = JSON.parse(response.body) as unknown;
    }, `${what}: not JSON`).not.toThrow();
    expect(schemaProblems(document, schema, body), what).toEqual([]);
  }
});
