import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from '../../cdk/lib/csp';

const sha = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

describe('contentSecurityPolicy', () => {
  it('is the baseline policy without options', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
  });

  it('adds script hashes and connect sources to their directives only', () => {
    const csp = contentSecurityPolicy({
      scriptHashes: ['sha256-abc='],
      connectSources: ['https://auth.example.com'],
    });
    expect(csp).toContain("script-src 'self' 'sha256-abc='; connect-src 'self' https://auth.example.com;");
    expect(csp).toContain("default-src 'self';");
  });
});

describe('inlineScriptHashes', () => {
  it.each([
    ['no scripts', '<p>hi</p>', []],
    ['an external script', '<script src="/a.js"></script>', []],
    ['an inline script', '<script>boot()</script>', [sha('boot()')]],
    ['whitespace kept as written', '<script>\n  boot();\n</script>', [sha('\n  boot();\n')]],
    [
      'two inline scripts in order',
      '<SCRIPT type="module">a</SCRIPT><script>b</script>',
      [sha('a'), sha('b')],
    ],
  ])('hashes %s', (_case, html, expected) => {
    expect(inlineScriptHashes(html)).toEqual(expected);
  });
});
