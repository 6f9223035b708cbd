import { describe, expect, it } from 'vitest';
import { html, joinHtml } from './html.ts';

describe('html template', () => {
  it('escapes every interpolated text, in content and in attributes', () => {
    const name = `<script>alert("x")</script>' onmouseover='steal()`;
    expect(String(html`<p title="${name}">${name}</p>`)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;steal()">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;steal()</p>',
    );
  });

  it('keeps markup built by the template, and escapes the text inside it', () => {
    const cell = (text: string) => html`<em>${text}</em>`;
    const row = html`<span>${['a&b', '<i>'].map(cell)}</span>`;
    expect(String(row)).toBe('<span><em>a&amp;b</em><em>&lt;i&gt;</em></span>');
  });

  it('renders nothing for null, undefined and false, and numbers as they are', () => {
    expect(String(html`[${null}${undefined}${false}${0}${12.5}]`)).toBe('[012.5]');
  });

  it('joins parts with an escaped separator', () => {
    expect(String(joinHtml(['<a>', html`<b>x</b>`], ' & '))).toBe('&lt;a&gt; &amp; <b>x</b>');
  });
});
