// A pipeline run that lost or duplicated something: an accepted order that did not complete, an
// order the gateway refused, an e-mail that never arrived or arrived twice. The run counts as failed.
export class PipelineLossError extends Error {
  override readonly name = 'PipelineLossError';

  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`the pipeline lost or duplicated work: ${problems.join('; ')}`);
    this.problems = problems;
  }
}
