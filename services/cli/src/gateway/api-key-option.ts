// The option every gateway command takes: the API key (default CONVEYOR_API_KEY), which also decides
// the tenant the command acts for.
export const apiKeyOption = { 'api-key': { type: 'string' } } as const;
