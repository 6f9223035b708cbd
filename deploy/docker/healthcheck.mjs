// The image's health check: GET the service's /healthz and exit 0 on a 2xx. Plain JavaScript with no
// imports, run by the HEALTHCHECK without the telemetry preload (NODE_OPTIONS is cleared for it).
// The URL: the first argument, else HEALTHCHECK_URL, else the service's own port (PORT for the
// gateway and dashboard, HEALTH_PORT for the workers, each with its default).
const defaultPorts = {
  gateway: 8080,
  dashboard: 8081,
  'demo-worker': 8090,
  'fulfilment-worker': 8091,
  notifier: 8092,
  scheduler: 8093,
  'job-worker': 8094,
};

function healthUrl() {
  const explicit = process.argv[2] ?? process.env.HEALTHCHECK_URL;
  if (explicit) return explicit;
  const service = process.env.SERVICE ?? '';
  const port = process.env.HEALTH_PORT ?? process.env.PORT ?? defaultPorts[service];
  if (port === undefined) throw new Error(`no health port known for SERVICE=${service}; set HEALTHCHECK_URL`);
  return `http://127.0.0.1:${port}/healthz`;
}

try {
  const response = await fetch(healthUrl(), { signal: AbortSignal.timeout(4_000) });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`health check failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
