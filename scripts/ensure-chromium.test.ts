import { afterEach, describe, expect, it } from 'vitest';
import { chromiumPath, ensureChromium } from './ensure-chromium.ts';

describe('ensuring chromium for the browser tests', () => {
  const original = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (original === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = original;
  });

  it('looks for Debian chromium unless CHROMIUM_PATH says otherwise', () => {
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
  });

  it('accepts a browser that is there', () => {
    process.env.CHROMIUM_PATH = process.execPath;
    expect(ensureChromium(() => undefined)).toBeUndefined();
  });

  it('says in one line how to get a browser it may not install, installing nothing', () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const logged: string[] = [];
    const problem = ensureChromium((line) => logged.push(line));
    expect(problem).toMatch(
      /Chromium at \/nonexistent\/chromium: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH/,
    );
    expect(logged).toEqual([]);
  });
});
