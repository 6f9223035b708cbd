// The gateway's HTTP API as the CLI uses it: JSON in and out, the API key on every request (it decides
// the tenant), the gateway's error body turned into typed errors (NOT_FOUND → NotFoundError, exit code 3).
import { ContractsErrorCode, errorMessage } from '@conveyor/contracts';
import type { z } from 'zod';
import { CliErrorCode } from '../errors/cli-error-codes.ts';
import { GatewayRequestError } from '../errors/gateway-request-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { ServerUnreachableError } from '../errors/server-unreachable-error.ts';
import { gatewayErrorBody } from './gateway-views.ts';

export interface GatewayRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** What a NOT_FOUND answer is about, for the error message. */
  resource?: { kind: string; id: string };
}

export class GatewayClient {
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #signal: AbortSignal;

  constructor(baseUrl: string, apiKey: string, signal: AbortSignal) {
    this.#baseUrl = baseUrl.replace(/\/+$/, '');
    this.#apiKey = apiKey;
    this.#signal = signal;
  }

  /** Sends the request and parses a successful answer with `schema`. */
  async json<S extends z.ZodType>(request: GatewayRequest, schema: S): Promise<z.output<S>> {
    const response = await this.send(request);
    return schema.parse(await response.json());
  }

  /** Sends the request; resolves with a successful (2xx) response, else throws the typed error. */
  async send(request: GatewayRequest): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#apiKey}`, ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.#baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: this.#signal,
      });
    } catch (error) {
      if (this.#signal.aborted) throw error;
      // fetch hides the socket error (ECONNREFUSED...) in its cause.
      const reason =
        error instanceof Error && error.cause !== undefined ? errorMessage(error.cause) : errorMessage(error);
      // Loaded here only: the telemetry library is slow to load and this is the one use of it.
      const { maskUrlCredentials } = await import('@conveyor/telemetry');
      throw new ServerUnreachableError('the gateway', maskUrlCredentials(this.#baseUrl), reason, {
        cause: error,
      });
    }
    if (response.ok) return response;
    throw await errorOf(response, request);
  }
}

async function errorOf(response: Response, request: GatewayRequest): Promise<Error> {
  const text = await response.text();
  const parsed = gatewayErrorBody.safeParse(parseJson(text));
  if (!parsed.success) {
    return new GatewayRequestError(response.status, CliErrorCode.unexpectedAnswer, text.slice(0, 500), null);
  }
  const { code, message, details } = parsed.data.error;
  if (code === ContractsErrorCode.notFound && request.resource !== undefined) {
    return new NotFoundError(request.resource.kind, request.resource.id);
  }
  return new GatewayRequestError(response.status, code, message, details ?? null);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page...): reported as an unexpected answer with its text.
    return undefined;
  }
}
