// The confirmation step before a purge: says exactly what will be deleted, and only its button
// (which posts confirm=yes) deletes.
import type { PageContext } from '../http/send-page.ts';
import { plural } from './format.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

export type PurgeTarget = { queue: string; count: number } | { id: string; queue: string };

export function purgePage(context: PageContext, target: PurgeTarget): Html {
  const what =
    'id' in target
      ? html`the dead letter <code>${target.id}</code> of queue <code>${target.queue}</code>`
      : html`${plural(target.count, 'stored dead letter')} of queue <code>${target.queue}</code>`;
  const content = html`<p>
      This deletes ${what} from storage. It cannot be undone, and a purged letter cannot be replayed. Messages
      still in a queue are not touched.
    </p>
    <form method="post" action="/dead-letters/purge">
      ${
        'id' in target
          ? html`<input type="hidden" name="id" value="${target.id}" />`
          : html`<input type="hidden" name="queue" value="${target.queue}" />`
      }
      <input type="hidden" name="confirm" value="yes" />
      <button type="submit" class="danger">Yes, purge</button>
      <a
        href="/dead-letters${'id' in target ? `/${encodeURIComponent(target.id)}` : `?queue=${encodeURIComponent(target.queue)}`}"
        >Cancel</a
      >
    </form>`;
  return layout(context, { title: 'Purge dead letters?', content });
}
