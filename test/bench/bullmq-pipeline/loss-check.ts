// The loss checks of both order-pipeline scenarios: every order submitted was accepted, every accepted
// order completed, and the SMTP peer received each expected e-mail (two per order: confirmed, shipped)
// exactly once, counted by its deterministic Message-ID.
import type { SmtpPeer } from '../../support/index.ts';
import { PipelineLossError } from './pipeline-loss-error.ts';

export interface LossCheckInput {
  refused: number;
  /** Accepted orders that did not end `completed`, with the status they have ('missing' when none). */
  notCompleted: readonly { id: string; status: string }[];
  /** The Message-ID of every e-mail the run should have sent. */
  expectedMessageIds: readonly string[];
  smtp: SmtpPeer;
  /** How long to wait for e-mails still on their way once every order completed. */
  mailWaitMs?: number;
}

const shown = 5;

export async function checkForLosses(input: LossCheckInput): Promise<void> {
  const { smtp, expectedMessageIds } = input;
  // Completion comes before the last e-mail is sent (shipped is sent beside the complete step): the
  // peer's arrival is an event to await, bounded; what is missing after that is lost.
  await smtp.waitForMessages(expectedMessageIds.length, input.mailWaitMs ?? 30_000).catch(() => undefined);
  const received = new Map<string, number>();
  for (const mail of smtp.messages) {
    const id = mail.messageId ?? '(no Message-ID)';
    received.set(id, (received.get(id) ?? 0) + 1);
  }
  const expected = new Set(expectedMessageIds);
  const lost = expectedMessageIds.filter((id) => !received.has(id));
  const duplicated = [...received].filter(([id, count]) => expected.has(id) && count > 1);
  const unexpected = [...received.keys()].filter((id) => !expected.has(id));
  const problems: string[] = [];
  if (input.refused > 0) problems.push(`${input.refused} order(s) refused by the gateway`);
  if (input.notCompleted.length > 0)
    problems.push(
      `${input.notCompleted.length} accepted order(s) not completed (${list(
        input.notCompleted.map(({ id, status }) => `${id}: ${status}`),
      )})`,
    );
  if (lost.length > 0) problems.push(`${lost.length} e-mail(s) never arrived (${list(lost)})`);
  if (duplicated.length > 0)
    problems.push(
      `${duplicated.length} e-mail(s) arrived more than once (${list(duplicated.map(([id, n]) => `${id} ×${n}`))})`,
    );
  if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected e-mail(s) (${list(unexpected)})`);
  if (problems.length > 0) throw new PipelineLossError(problems);
}

function list(items: readonly string[]): string {
  return items.length <= shown
    ? items.join(', ')
    : `${items.slice(0, shown).join(', ')}, … ${items.length - shown} more`;
}
