// Small renderings the pages share: times, statuses, trace links, JSON.
import { html, type Html } from './html.ts';

/** `2025-01-31 23:59:58Z`, in a <time> whose datetime is the exact instant. */
export function timeCell(at: Date | null | undefined): Html {
  if (at === null || at === undefined) return html`<span class="muted">–</span>`;
  const iso = at.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 19).replace('T', ' ')}Z</time>`;
}

export function statusBadge(status: string): Html {
  return html`<span class="status ${status}">${status}</span>`;
}

/** The trace UI's page of the trace: `{traceId}` in the base URL replaced, else `/<traceId>` appended. */
export function traceUrl(traceUiUrl: string, traceId: string): string {
  const id = encodeURIComponent(traceId);
  return traceUiUrl.includes('{traceId}')
    ? traceUiUrl.replaceAll('{traceId}', id)
    : `${traceUiUrl.replace(/\/+$/, '')}/${id}`;
}

export function traceLink(traceUiUrl: string | undefined, traceId: string | null | undefined): Html {
  if (traceId === null || traceId === undefined) return html`<span class="muted">none</span>`;
  if (traceUiUrl === undefined)
    return html`<code>${traceId}</code> <span class="muted">(TRACE_UI_URL not set)</span>`;
  return html`<a
    href="${traceUrl(traceUiUrl, traceId)}"
    target="_blank"
    rel="noopener noreferrer"
    data-trace-link
    ><code>${traceId}</code></a
  >`;
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A job's progress as a handler reported it: a number is a percentage, anything else its JSON. */
export function progressText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return `${String(Math.round(value * 10) / 10)}%`;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
