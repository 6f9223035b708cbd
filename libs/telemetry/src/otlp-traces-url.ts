// The OTLP/HTTP traces URL from a base endpoint, the way OTEL_EXPORTER_OTLP_ENDPOINT is read:
// the signal path `v1/traces` is appended unless the endpoint already names it.

export function otlpTracesUrl(endpoint: string): string {
  const base = endpoint.trim().replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}
