import { createHash } from 'node:crypto';

export interface CspOptions {
  /** `sha256-…` sources for inline scripts the built SPA must run. */
  readonly scriptHashes?: readonly string[];
  /** Extra origins the SPA may `fetch` (e.g. the Cognito token endpoint). */
  readonly connectSources?: readonly string[];
}

/**
 * The site's Content-Security-Policy: same-origin everything, inline styles allowed (Svelte
 * transitions set them), no framing. Without options it is exactly the baseline policy.
 */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['default-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['script-src', ["'self'", ...(options.scriptHashes ?? []).map((h) => `'${h}'`)]],
    ['connect-src', ["'self'", ...(options.connectSources ?? [])]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * `sha256-…` hashes of the inline (no `src`) scripts of an HTML page, in document order. SvelteKit's
 * SPA fallback page boots through such a script, which `script-src 'self'` alone would block.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes = '', body = ''] = match;
    if (/\bsrc\s*=/i.test(attributes) || body.trim() === '') continue;
    hashes.push(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`);
  }
  return hashes;
}
