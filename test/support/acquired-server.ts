/** A server the rig found or started: where it is, how it was found, and how to stop it if started. */
export interface AcquiredServer {
  readonly url: string;
  /** For the one-line report the global setup prints, e.g. "local default" or "started FerretDB…". */
  readonly how: string;
  /** Variables the tests need besides the URL (a container's id, its management address). */
  readonly env?: Readonly<Record<string, string>>;
  /** Present only when the rig started the server, so teardown stops exactly what it started. */
  readonly stop?: () => Promise<void>;
}
