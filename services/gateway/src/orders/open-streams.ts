// The SSE streams open right now, so that stopping the gateway ends them instead of waiting for clients.
export type OpenStreams = Set<() => void>;
