// One dead letter: why it died (reason, error, attempts), the message itself (properties, headers,
// body), and the actions: replay (forced when its effect is recorded as done; once per letter), purge.
import type { DeadLetterEntry } from '@conveyor/store';
import type { PageContext } from '../http/send-page.ts';
import { prettyJson, timeCell } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type Notice } from './layout.ts';

export interface DeadLetterPage {
  entry: DeadLetterEntry;
  notice?: Notice | undefined;
  /** The last replay found the message recorded as done: offer to replay it anyway. */
  offerForce: boolean;
}

/** JSON bodies pretty-printed; other text as it is; binary as the base64 it is stored as. */
function bodyText(entry: DeadLetterEntry): string {
  if (entry.bodyEncoding === 'base64') return `(binary, base64) ${entry.body}`;
  try {
    return prettyJson(JSON.parse(entry.body));
  } catch {
    // Not JSON (that may be why it died): shown as the text it is.
    return entry.body;
  }
}

export function deadLetterPage(context: PageContext, page: DeadLetterPage): Html {
  const { entry } = page;
  const replayForm = (force: boolean, label: string) =>
    html`<form class="inline" method="post" action="/dead-letters/${encodeURIComponent(entry.id)}/replay">
      ${force ? html`<input type="hidden" name="force" value="true" />` : null}
      <button type="submit" class="primary">${label}</button>
    </form>`;
  const content = html`<dl class="facts" data-dead-letter="${entry.id}">
      <dt>Queue</dt>
      <dd><code>${entry.queue}</code></dd>
      <dt>Type</dt>
      <dd>${entry.type ?? '–'}</dd>
      <dt>Message id</dt>
      <dd><code>${entry.messageId ?? '–'}</code></dd>
      <dt>Tenant</dt>
      <dd>${entry.tenant ?? '–'}</dd>
      <dt>Reason</dt>
      <dd data-field="reason">${entry.reason}</dd>
      <dt>Error</dt>
      <dd data-field="error">${entry.error === '' ? '–' : entry.error}</dd>
      <dt>Attempts</dt>
      <dd data-field="attempts">${entry.attempts}</dd>
      <dt>Dead-lettered</dt>
      <dd>${timeCell(entry.deadLetteredAt)}</dd>
      <dt>Replayed</dt>
      <dd data-field="replayed">${entry.replayedAt === null ? 'no' : timeCell(entry.replayedAt)}</dd>
      <dt>Priority</dt>
      <dd>${entry.properties.priority ?? '–'}</dd>
      <dt>Correlation id</dt>
      <dd>${entry.properties.correlationId ?? '–'}</dd>
    </dl>
    <p>
      ${
        entry.replayedAt !== null
          ? html`<span class="muted" data-field="replay-once"
              >Replayed once; a letter is not replayed twice.</span
            >`
          : page.offerForce
            ? replayForm(true, 'Replay anyway (the effect happens again)')
            : replayForm(false, 'Replay')
      }
      <a href="/dead-letters/purge?id=${encodeURIComponent(entry.id)}">Purge…</a>
    </p>
    <h2>Body</h2>
    <pre data-field="body">${bodyText(entry)}</pre>
    <h2>Headers</h2>
    <pre>${prettyJson(entry.properties.headers)}</pre>`;
  return layout(context, { title: `Dead letter ${entry.id}`, content, notice: page.notice });
}
