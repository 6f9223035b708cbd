// The service a process runs, read from its entry point (`services/<name>/src/main.ts`). It is the
// default `service.name` when the environment names none (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES),
// so that one preload, one image and one start command shape serve every service.
const serviceEntryPoint = /[/\\]services[/\\]([^/\\]+)[/\\]src[/\\]main\.ts$/;

export function serviceNameFromEntry(entryPath: string | undefined): string | undefined {
  return entryPath === undefined ? undefined : serviceEntryPoint.exec(entryPath)?.[1];
}
