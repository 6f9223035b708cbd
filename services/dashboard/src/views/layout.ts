// The page shell: navigation, a notice line, the content, and the little CSS the pages share.
import type { PageContext } from '../http/send-page.ts';
import { html, type Html, type HtmlValue } from './html.ts';

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export interface LayoutOptions {
  title: string;
  content: HtmlValue;
  notice?: Notice | undefined;
  /** Reload the page every this many seconds (the queues page). */
  refreshSeconds?: number;
  /** An inline script, allowed by this response's nonce. */
  script?: Html | undefined;
  /** The login page has no navigation. */
  bare?: boolean;
}

const sections = [
  { path: '/queues', label: 'Queues' },
  { path: '/dead-letters', label: 'Dead letters' },
  { path: '/orders', label: 'Orders' },
  { path: '/jobs', label: 'Jobs' },
  { path: '/job-types', label: 'Job types' },
  { path: '/schedules', label: 'Schedules' },
];

const styles = `
:root { color-scheme: light; --line: #d8dde3; --muted: #5b6573; --accent: #1f5fbf; --bad: #b3261e; --ok: #1e7d32; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b2026; background: #f6f7f9; }
header { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.5rem; background: #17212f; color: #fff; }
header strong { font-size: 1.05rem; letter-spacing: .02em; }
header nav { display: flex; gap: 1rem; flex: 1; }
header a { color: #c9d6ea; text-decoration: none; }
header a[aria-current="page"] { color: #fff; border-bottom: 2px solid #7fb0ff; }
header form button { background: none; border: 1px solid #56657a; color: #c9d6ea; }
main { padding: 1rem 1.5rem 3rem; max-width: 1280px; }
h1 { font-size: 1.35rem; margin: .4rem 0 1rem; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { background: #eef1f5; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { background: #fff; border: 1px solid var(--line); padding: .75rem; overflow: auto; max-height: 28rem; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.notice { padding: .5rem .75rem; border-radius: 4px; margin-bottom: 1rem; }
.notice.ok { background: #e5f3e8; color: var(--ok); }
.notice.error { background: #fbe9e7; color: var(--bad); }
.status { display: inline-block; padding: 0 .45rem; border-radius: 3px; background: #e8ecf1; }
.status.completed, .status.done { background: #e5f3e8; color: var(--ok); }
.status.in_progress, .status.running, .status.accepted { background: #e3edfb; color: #174a94; }
.status.failed, .status.compensated, .status.compensating { background: #fbe9e7; color: var(--bad); }
.status.paused, .status.waiting, .status.scheduled, .status.retrying { background: #fff4d6; color: #7a5a00; }
.status.cancelled { background: #eceaf4; color: #4a3f73; }
p.actions { display: flex; gap: .5rem; }
p.pages { display: flex; gap: 1rem; }
form.inline { display: inline; }
form.filters { display: flex; gap: .75rem; align-items: end; flex-wrap: wrap; margin-bottom: 1rem; }
label { display: flex; flex-direction: column; gap: .15rem; font-size: .85rem; color: var(--muted); }
input, select, button { font: inherit; padding: .3rem .55rem; border: 1px solid #b8c0cc; border-radius: 4px; background: #fff; }
button { cursor: pointer; background: #eef1f5; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.danger { background: var(--bad); border-color: var(--bad); color: #fff; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; background: #fff; border: 1px solid var(--line); padding: .75rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ol.live { background: #fff; border: 1px solid var(--line); padding: .5rem 2rem; min-height: 2rem; }
.login { max-width: 22rem; margin: 10vh auto; background: #fff; border: 1px solid var(--line); padding: 1.5rem; }
.login form { display: flex; flex-direction: column; gap: .75rem; }
`;

export function layout(context: PageContext, options: LayoutOptions): Html {
  const navigation =
    options.bare === true
      ? null
      : html`<header>
          <strong>Conveyor</strong>
          <nav>
            ${sections.map(
              (section) =>
                html`<a
                  href="${section.path}"
                  ${context.path.startsWith(section.path) ? html` aria-current="page"` : null}
                  >${section.label}</a
                >`,
            )}
          </nav>
          <form class="inline" method="post" action="/logout"><button type="submit">Log out</button></form>
        </header>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${options.refreshSeconds === undefined ? null : html`<meta http-equiv="refresh" content="${options.refreshSeconds}" />`}
        <title>${options.title} · Conveyor</title>
        <style nonce="${context.nonce}">
          ${styles}
        </style>
      </head>
      <body>
        ${navigation}
        <main>
          <h1>${options.title}</h1>
          ${options.notice === undefined ? null : html`<p class="notice ${options.notice.kind}" role="status">${options.notice.text}</p>`}
          ${options.content}
        </main>
        ${
          options.script === undefined
            ? null
            : html`<script nonce="${context.nonce}">
                ${options.script};
              </script>`
        }
      </body>
    </html> `;
}
