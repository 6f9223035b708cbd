// POSTs signed webhooks with node's fetch, bounded by a timeout and by the handler's deadline, each
// call in a CLIENT span. 2xx = delivered; 5xx, 408/425/429 and network errors retry; the rest is final.
import type { Tracer } from '@opentelemetry/api';
import { PermanentError, RetryableError, errorMessage } from '@conveyor/contracts';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import { NotifierErrorCode } from '../notifier-error-codes.ts';
import { inClientSpan } from '../tracing/in-client-span.ts';
import { NotifierAttribute } from '../tracing/notifier-attributes.ts';
import type { WebhookEndpoint } from './tenant-webhook.ts';
import type { WebhookPayload } from './webhook-payload.ts';
import { WebhookHeader, webhookSignatureHeader } from './webhook-signature.ts';
import { webhookVerdict } from './webhook-verdict.ts';

export interface WebhookClient {
  /** Resolves with `HTTP <status>` once delivered; throws a RetryableError or PermanentError otherwise. */
  post(endpoint: WebhookEndpoint, payload: WebhookPayload, signal: AbortSignal): Promise<string>;
}

export interface WebhookClientOptions {
  timeoutMs: number;
  tracer: Tracer;
  clock?: () => number;
}

export function createWebhookClient(options: WebhookClientOptions): WebhookClient {
  const clock = options.clock ?? Date.now;
  return {
    post(endpoint, payload, signal) {
      const url = new URL(endpoint.url);
      const shownUrl = withoutSecrets(url);
      const rawBody = JSON.stringify(payload);
      return inClientSpan(
        options.tracer,
        'POST',
        {
          [ATTR_HTTP_REQUEST_METHOD]: 'POST',
          [ATTR_URL_FULL]: shownUrl,
          [ATTR_SERVER_ADDRESS]: url.hostname,
          [ATTR_SERVER_PORT]: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
          [NotifierAttribute.notificationId]: payload.id,
        },
        async (span) => {
          let response: Response;
          // Signed per attempt: a retry carries its own timestamp, inside the signature.
          const timestampSeconds = Math.floor(clock() / 1000);
          try {
            response = await fetch(url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'user-agent': 'conveyor-notifier',
                [WebhookHeader.id]: payload.id,
                [WebhookHeader.timestamp]: String(timestampSeconds),
                [WebhookHeader.signature]: webhookSignatureHeader(
                  { id: payload.id, timestampSeconds, rawBody },
                  endpoint.secrets,
                ),
              },
              body: rawBody,
              redirect: 'manual',
              signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]),
            });
          } catch (error) {
            throw new RetryableError(
              NotifierErrorCode.webhookUnavailable,
              `POST ${shownUrl} got no answer: ${describeFetchError(error)}`,
              { cause: error },
            );
          }
          span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
          // The answer's body is not read; cancelling it frees the connection.
          await response.body?.cancel();
          const answer = `HTTP ${response.status}`;
          switch (webhookVerdict(response.status)) {
            case 'delivered':
              return answer;
            case 'retry':
              throw new RetryableError(
                NotifierErrorCode.webhookUnavailable,
                `POST ${shownUrl} answered ${answer}`,
              );
            case 'reject':
              throw new PermanentError(
                NotifierErrorCode.webhookRejected,
                `POST ${shownUrl} answered ${answer}`,
              );
          }
        },
      );
    },
  };
}

/** Query strings and userinfo often carry tokens: neither reaches spans or logs. */
function withoutSecrets(url: URL): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  shown.search = '';
  shown.hash = '';
  return shown.toString();
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function describeFetchError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause === undefined ? errorMessage(error) : `${errorMessage(error)} (${errorMessage(cause)})`;
}
