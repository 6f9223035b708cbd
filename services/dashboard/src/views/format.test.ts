import { describe, expect, it } from 'vitest';
import { progressText, traceLink, traceUrl } from './format.ts';

describe('trace links', () => {
  it('append the trace id to a base URL, or fill a {traceId} placeholder', () => {
    expect(traceUrl('http://jaeger:16686/trace', 'abc123')).toBe('http://jaeger:16686/trace/abc123');
    expect(traceUrl('http://jaeger:16686/trace/', 'abc123')).toBe('http://jaeger:16686/trace/abc123');
    expect(traceUrl('https://tempo.example/explore?trace={traceId}&x=1', 'abc')).toBe(
      'https://tempo.example/explore?trace=abc&x=1',
    );
  });

  it('escape what they show, and say when no trace UI is configured', () => {
    expect(String(traceLink('http://t/trace', '"><x'))).toContain('href="http://t/trace/%22%3E%3Cx"');
    expect(String(traceLink(undefined, 'abc'))).toContain('TRACE_UI_URL not set');
    expect(String(traceLink('http://t/trace', null))).toContain('none');
  });
});

describe('job progress', () => {
  it('shows a number as a percentage, any other value as its JSON, nothing as a dash', () => {
    expect(progressText(50)).toBe('50%');
    expect(progressText(33.333)).toBe('33.3%');
    expect(progressText({ rows: 10, of: 40 })).toBe('{"rows":10,"of":40}');
    expect(progressText(null)).toBe('–');
  });

  it('cuts a long value short', () => {
    expect(progressText('x'.repeat(500))).toHaveLength(120);
  });
});
