// The dashboard over plain HTTP, as a script uses it (Bearer admin key), and the text of the parts of
// its pages that tests read: elements marked data-field and table rows marked data-<kind>.
import type { DashboardFixture } from './dashboard-fixture.ts';

export interface DashboardHttp {
  /** GET a page: its status and HTML. */
  page(path: string): Promise<{ status: number; html: string }>;
  /** POST a form: its status and where it leads. */
  post(path: string, form?: Record<string, string>): Promise<{ status: number; location: string | null }>;
}

export function dashboardHttp(fixture: DashboardFixture): DashboardHttp {
  const authorization = `Bearer ${fixture.adminKey}`;
  return {
    async page(path) {
      const response = await fetch(`${fixture.url}${path}`, { headers: { authorization } });
      return { status: response.status, html: await response.text() };
    },
    async post(path, form = {}) {
      const response = await fetch(`${fixture.url}${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      });
      return { status: response.status, location: response.headers.get('location') };
    },
  };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' };

/** An element's text as a reader sees it: tags dropped, entities decoded, white space collapsed. */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#96);/g, (_match, name: string) => entities[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function elementText(html: string, attribute: string): string | undefined {
  const open = new RegExp(`<(\\w+)[^>]*\\s${escapeRegExp(attribute)}[^>]*>`).exec(html);
  if (open === null) return undefined;
  const start = open.index + open[0].length;
  const end = html.indexOf(`</${open[1] ?? ''}>`, start);
  return textOf(html.slice(start, end === -1 ? undefined : end));
}

/** The text of the element marked data-field="<name>", or undefined when the page has none. */
export function fieldText(html: string, name: string): string | undefined {
  return elementText(html, `data-field="${name}"`);
}

/** The text of the table row marked data-<kind>="<id>", or undefined when the page has none. */
export function rowText(html: string, kind: string, id: string): string | undefined {
  return elementText(html, `data-${kind}="${id}"`);
}

/** The ids of the rows marked data-<kind>, in page order. */
export function rowIds(html: string, kind: string): string[] {
  return [...html.matchAll(new RegExp(`<tr data-${escapeRegExp(kind)}="([^"]*)"`, 'g'))].map(
    (match) => match[1] ?? '',
  );
}
