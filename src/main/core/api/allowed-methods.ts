import type { RouteSpec } from './route-spec';

/**
 * The methods each known path is served with, for the `Allow` header of a request whose path is
 * known but whose method is not. local-api.md §3 answers every unknown route (a method and path
 * the contract does not list) with 404 `not_found` / `route not found`; the `Allow` header (which
 * RFC 9110 §10.2.1 permits on any response) tells the caller which methods that path does serve.
 * GET routes also answer HEAD (Fastify's exposed HEAD routes); OPTIONS is served by no route.
 */
export class AllowedMethods {
  private readonly paths: { pattern: RegExp; methods: string[] }[] = [];

  constructor(routes: readonly Pick<RouteSpec, 'method' | 'url'>[]) {
    const byUrl = new Map<string, Set<string>>();
    for (const route of routes) {
      const methods = byUrl.get(route.url) ?? new Set<string>();
      for (const method of [route.method].flat()) {
        methods.add(method);
        if (method === 'GET') methods.add('HEAD');
      }
      byUrl.set(route.url, methods);
    }
    for (const [url, methods] of byUrl) {
      const source = url
        .split('/')
        .map((segment) => (segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment)))
        .join('/');
      this.paths.push({ pattern: new RegExp(`^${source}/?$`), methods: sortMethods(methods) });
    }
  }

  /** The `Allow` value for a request URL (query string ignored), or null for an unknown path. */
  allowFor(url: string): string | null {
    const index = url.indexOf('?');
    const path = index === -1 ? url : url.slice(0, index);
    const known = this.paths.find((entry) => entry.pattern.test(path));
    return known ? known.methods.join(', ') : null;
  }
}

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function sortMethods(methods: Set<string>): string[] {
  return [...methods].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
