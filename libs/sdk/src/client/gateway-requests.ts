// Every request of the client goes through here: the API key, the JSON body, and one reading of the
// answer: a 2xx body checked against what the caller expects, anything else turned into a typed error.
import type { z } from 'zod';
import { ConveyorApiError } from './errors/conveyor-api-error.ts';
import { GatewayUnreachableError } from './errors/gateway-unreachable-error.ts';
import { UnexpectedResponseError } from './errors/unexpected-response-error.ts';
import { errorView } from './job-views.ts';

export interface GatewayConnection {
  /** The gateway's base URL without a trailing slash, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly apiKey: string;
  readonly fetch: typeof fetch;
}

export interface GatewayRequest {
  readonly method: 'GET' | 'POST';
  /** From the base URL, e.g. `/v1/jobs?limit=10`. */
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** Sends a request; a 2xx answer is returned unread, anything else thrown as a typed error. */
export async function send(connection: GatewayConnection, request: GatewayRequest): Promise<Response> {
  const url = `${connection.url}${request.path}`;
  let response: Response;
  try {
    response = await connection.fetch(url, {
      method: request.method,
      headers: {
        authorization: `Bearer ${connection.apiKey}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: request.signal ?? null,
    });
  } catch (error) {
    // The caller's own abort is not the gateway's fault: it goes back as it came.
    if (request.signal?.aborted === true) throw error;
    throw new GatewayUnreachableError(connection.url, error);
  }
  if (!response.ok) throw await refusal(`${request.method} ${request.path}`, response);
  return response;
}

/** Sends a request and reads its JSON answer with `schema`. */
export async function sendForJson<S extends z.ZodType>(
  connection: GatewayConnection,
  request: GatewayRequest,
  schema: S,
): Promise<z.output<S>> {
  const what = `${request.method} ${request.path}`;
  const response = await send(connection, request);
  const parsed = schema.safeParse(await jsonOf(what, response));
  if (!parsed.success) throw new UnexpectedResponseError(what, response.status, parsed.error.message);
  return parsed.data;
}

async function jsonOf(what: string, response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UnexpectedResponseError(what, response.status, `not JSON: ${text.slice(0, 200)}`);
  }
}

/** The gateway's `{"error":{code,message,details}}` as a ConveyorApiError; a proxy's page as unexpected. */
async function refusal(what: string, response: Response): Promise<Error> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return new UnexpectedResponseError(what, response.status, `not JSON: ${text.slice(0, 200)}`);
  }
  const parsed = errorView.safeParse(body);
  if (!parsed.success)
    return new UnexpectedResponseError(what, response.status, `not an error body: ${text.slice(0, 200)}`);
  const { code, message, details } = parsed.data.error;
  return new ConveyorApiError(response.status, code, message, details);
}
