// HTML built by a tagged template that escapes every interpolated value, unless it is already Html
// (built by this same template). Nothing reaches a page unescaped by accident: raw markup can only
// come from a template literal in this code base.
const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Markup that is safe to emit as it is. Only `html` and `joinHtml` make one. */
export class Html {
  readonly #markup: string;

  constructor(markup: string, token: symbol) {
    if (token !== madeHere) throw new TypeError('Html is made by the html template only');
    this.#markup = markup;
  }

  toString(): string {
    return this.#markup;
  }
}

const madeHere = Symbol('html');

/** A value a template may contain: text (escaped), numbers, Html, lists of them; nothing for null. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (character) => escapes[character] ?? character);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.toString();
  if (Array.isArray(value)) return value.map((item: HtmlValue) => render(item)).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(markup, madeHere);
}

/**
 * The body of an inline <script> written in this code base (a constant, never data): inside <script>
 * entities are not decoded, so it goes in as it is, and it may not contain "</" (no closing tag).
 */
export function scriptContent(source: string): Html {
  if (source.includes('</')) throw new TypeError('an inline script must not contain "</"');
  return new Html(source, madeHere);
}

export function joinHtml(parts: readonly HtmlValue[], separator = ''): Html {
  return new Html(parts.map((part) => render(part)).join(escapeHtml(separator)), madeHere);
}
