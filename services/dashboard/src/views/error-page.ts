// What a failed request shows: the status, and a message that names the problem.
import type { PageContext } from '../http/send-page.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

const titles: Record<number, string> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  429: 'Too many attempts',
  503: 'Unavailable',
};

export function errorPage(context: PageContext, status: number, message: string): Html {
  const content = html`<p class="notice error" role="alert">${message}</p>
    <p><a href="/queues">Back to the dashboard</a></p>`;
  return layout(context, { title: titles[status] ?? 'Something went wrong', content });
}
