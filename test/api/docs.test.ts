// The runtime reference at /docs (local-api.md §1, §2): reachable with no token, fully offline
// (every script and stylesheet served by this server, nothing from a CDN), pointed at this
// server's own OpenAPI document, and offering bearer authorization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';

interface Page {
  url: string;
  status: number;
  contentType: string;
  html: string;
}

interface Asset {
  kind: 'script' | 'link';
  rel: string;
  raw: string;
  url: URL;
}

let h: ApiHarness;
let page: Page;

beforeAll(async () => {
  h = await startApi();
  page = await loadDocs(`${h.origin}/docs`);
});

afterAll(async () => {
  await h.close();
});

/** GET with no token, following redirects by hand so each hop can be checked to stay on this server. */
async function loadDocs(start: string): Promise<Page> {
  let url = start;
  for (let hop = 0; hop < 5; hop++) {
    const res = await fetch(url, { redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      expect(location, `redirect from ${url}`).toBeTruthy();
      const next = new URL(location!, url);
      expect(next.origin, `redirect to ${next.href}`).toBe(h.origin);
      await res.arrayBuffer();
      url = next.href;
      continue;
    }
    return {
      url,
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      html: await res.text(),
    };
  }
  throw new Error('too many redirects');
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : null;
}

function assetsOf(html: string, base: string): Asset[] {
  const assets: Asset[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attribute(tag, 'src');
    if (src !== null) assets.push({ kind: 'script', rel: '', raw: src, url: new URL(src, base) });
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const href = attribute(tag, 'href');
    if (href !== null) {
      const rel = (attribute(tag, 'rel') ?? '').toLowerCase();
      assets.push({ kind: 'link', rel, raw: href, url: new URL(href, base) });
    }
  }
  return assets;
}

/** Every src/href/action/url reference in the page, whatever the element. */
function allReferences(html: string): string[] {
  const references: string[] = [];
  for (const match of html.matchAll(
    /\s(?:src|href|action|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi,
  )) {
    references.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  for (const match of html.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)) references.push(match[1]!);
  for (const match of html.matchAll(/@import\s+['"]([^'"]+)['"]/gi)) references.push(match[1]!);
  return references;
}

/** A reference that leaves this server (data: URIs and fragments stay local). */
function isForeign(reference: string, base: string): boolean {
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^(data|blob|about|javascript):/i.test(trimmed))
    return false;
  const url = new URL(trimmed, base);
  return url.origin !== new URL(base).origin;
}

async function get(url: URL | string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

describe('/docs', () => {
  it('loads with no token as an HTML page', () => {
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html\b/);
    expect(page.html).toMatch(/<html[\s>]/i);
    expect(new URL(page.url).origin).toBe(h.origin);
  });

  it('loads with a wrong token too (it reveals only the API shape)', async () => {
    const res = await fetch(page.url, { headers: { Authorization: 'Bearer sdk_wrong' } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });

  it('references at least one script and one stylesheet', () => {
    const assets = assetsOf(page.html, page.url);
    expect(assets.filter((a) => a.kind === 'script').length).toBeGreaterThan(0);
    expect(
      assets.filter((a) => a.kind === 'link' && a.rel.split(/\s+/).includes('stylesheet')).length,
    ).toBeGreaterThan(0);
  });

  it('references nothing on another host (no CDN)', () => {
    const foreign = allReferences(page.html).filter((reference) => isForeign(reference, page.url));
    expect(foreign).toEqual([]);
    for (const asset of assetsOf(page.html, page.url)) {
      expect(asset.url.origin, asset.raw).toBe(h.origin);
      expect(asset.url.hostname, asset.raw).toBe('127.0.0.1');
    }
  });

  it('serves every referenced script and stylesheet from 127.0.0.1 with a non-empty body', async () => {
    const assets = assetsOf(page.html, page.url).filter(
      (a) => a.kind === 'script' || a.rel.split(/\s+/).some((rel) => ['stylesheet', 'icon'].includes(rel)),
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const res = await get(asset.url);
      expect(res.status, asset.url.href).toBe(200);
      expect(res.body.length, asset.url.href).toBeGreaterThan(0);
      if (asset.kind === 'script') expect(res.type, asset.url.href).toMatch(/javascript/);
      if (asset.rel.split(/\s+/).includes('stylesheet')) {
        expect(res.type, asset.url.href).toMatch(/^text\/css\b/);
        // Offline too: a stylesheet pulling fonts or images from elsewhere would break without network.
        const foreign = allReferences(res.body).filter((reference) => isForeign(reference, asset.url.href));
        expect(foreign, asset.url.href).toEqual([]);
      }
    }
  });

  it("points the UI at this server's own OpenAPI document", async () => {
    const own = await h.request('GET', '/openapi.json', { token: null });
    expect(own.status).toBe(200);

    // The spec URL is set in the page or in one of its own (non-library) scripts.
    const sources = [page.html];
    for (const asset of assetsOf(page.html, page.url)) {
      if (
        asset.kind !== 'script' ||
        /swagger-ui(-bundle|-standalone-preset)?(\.min)?\.js$/.test(asset.url.pathname)
      )
        continue;
      sources.push((await get(asset.url)).body);
    }
    const candidates = new Set<string>();
    for (const source of sources) {
      for (const match of source.matchAll(/\burl\s*:\s*(resolveUrl\s*\(\s*)?(['"`])([^'"`]+)\2/g)) {
        const target = match[3]!;
        // swagger-ui's resolveUrl() resolves against the page URL with a trailing slash.
        const base = match[1] ? (page.url.endsWith('/') ? page.url : `${page.url}/`) : page.url;
        candidates.add(new URL(target, base).href);
      }
    }
    expect([...candidates].length, 'no spec URL found in /docs or its initializer').toBeGreaterThan(0);

    let pointsAtOwnSpec = false;
    for (const candidate of candidates) {
      expect(new URL(candidate).origin, candidate).toBe(h.origin);
      const res = await fetch(candidate);
      if (res.status !== 200) {
        await res.arrayBuffer();
        continue;
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        continue;
      }
      if (JSON.stringify(json) === JSON.stringify(own.json)) pointsAtOwnSpec = true;
    }
    expect(pointsAtOwnSpec, `candidates: ${[...candidates].join(', ')}`).toBe(true);
  });

  it('offers bearer authorization: the UI is Swagger UI and the spec declares an http bearer scheme', async () => {
    const assets = assetsOf(page.html, page.url).filter((a) => a.kind === 'script');
    const bodies = await Promise.all(assets.map(async (a) => (await get(a.url)).body));
    // Swagger UI renders its "Authorize" dialog from the spec's security schemes.
    expect(bodies.some((body) => body.includes('SwaggerUIBundle'))).toBe(true);
    expect(bodies.join('\n')).toMatch(/authorize/i);

    const doc = (await h.request('GET', '/openapi.json', { token: null })).json;
    const schemes = Object.entries<{ type: string; scheme?: string }>(doc.components?.securitySchemes ?? {});
    const bearer = schemes.filter(([, s]) => s.type === 'http' && s.scheme?.toLowerCase() === 'bearer');
    expect(bearer.length).toBeGreaterThan(0);
    const names = bearer.map(([name]) => name);
    const security: Record<string, unknown>[] = doc.security ?? [];
    expect(security.some((requirement) => Object.keys(requirement).some((n) => names.includes(n)))).toBe(
      true,
    );
  });

  it('sends no CORS headers', async () => {
    const res = await fetch(page.url, { headers: { Origin: h.origin } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await res.arrayBuffer();
  });
});
