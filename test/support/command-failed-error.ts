/** A helper command (go build, psql, rabbitmqctl…) exited non-zero; carries its stderr. */
export class CommandFailedError extends Error {
  readonly code = 'TEST_COMMAND_FAILED';
  readonly command: string;
  readonly stderr: string;

  constructor(command: string, stderr: string, options?: ErrorOptions) {
    const detail = stderr.trim();
    super(detail === '' ? `${command} failed` : `${command} failed:\n${detail}`, options);
    this.name = 'CommandFailedError';
    this.command = command;
    this.stderr = stderr;
  }
}
