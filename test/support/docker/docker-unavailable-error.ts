export class DockerUnavailableError extends Error {
  readonly code = 'DOCKER_UNAVAILABLE';
  constructor(reason: string) {
    super(`no Docker engine to run containers on: ${reason}`);
    this.name = 'DockerUnavailableError';
  }
}
