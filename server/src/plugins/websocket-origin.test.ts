import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './websocket-origin.ts';

describe('isAllowedOrigin', () => {
  const own = 'http://feedbench.example:3000';

  it('accepts the server’s own origin, whatever the case of the host', () => {
    expect(isAllowedOrigin('http://feedbench.example:3000', own, [])).toBe(true);
    expect(isAllowedOrigin('http://FEEDBENCH.example:3000', own, [])).toBe(true);
  });

  it('refuses another host, another port and another scheme', () => {
    expect(isAllowedOrigin('http://evil.example:3000', own, [])).toBe(false);
    expect(isAllowedOrigin('http://feedbench.example:3001', own, [])).toBe(false);
    expect(isAllowedOrigin('https://feedbench.example:3000', own, [])).toBe(false);
    // A look-alike that only starts with the right origin.
    expect(isAllowedOrigin('http://feedbench.example:3000.evil.example', own, [])).toBe(false);
  });

  it('refuses the opaque origin `null` and junk', () => {
    expect(isAllowedOrigin('null', own, ['null'])).toBe(false);
    expect(isAllowedOrigin('javascript:alert(1)', own, [])).toBe(false);
    expect(isAllowedOrigin('', own, [])).toBe(false);
  });

  it('accepts origins on the configured allow-list, default ports normalised', () => {
    expect(isAllowedOrigin('https://app.example', own, ['https://app.example:443'])).toBe(true);
    expect(isAllowedOrigin('https://other.example', own, ['https://app.example'])).toBe(false);
  });

  it('lets through requests without an Origin (scripts and the CLI; browsers always send one)', () => {
    expect(isAllowedOrigin(undefined, own, [])).toBe(true);
  });
});
