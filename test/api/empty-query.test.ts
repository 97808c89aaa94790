// Empty query values (`?sort=`, `?q=`, `?limit=` …) over HTTP. One rule for every query parameter
// (src/shared/validation/list-query.ts, and the waveform and variant parameters alike): an empty
// value means "not given", so the answer is exactly the one without the parameter; a value that is
// only whitespace is a value, judged like any other. /openapi.json says so for each parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_QUERY_PARAMS } from '../../src/shared/validation/list-query';
import { startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness;
let firstId: string;

beforeAll(async () => {
  h = await startApi();
  const kinds = ['Ableton', 'Reaper', 'Logic Pro'];
  const statuses = ['idea', 'draft', 'mixing'];
  for (let i = 0; i < 60; i++) {
    const session = h.core.sessions.create({
      title: `Session ${String(i).padStart(2, '0')} ${i % 2 ? 'drums' : 'vocals'}`,
      kind: kinds[i % 3],
      status: statuses[i % 3],
      tags: i % 4 ? ['mix'] : ['mix', 'priority'],
    });
    firstId ??= session.id;
    if (i % 5 === 0) h.core.sessions.markOpened(session.id);
  }
});
afterAll(() => h.close());

async function list(query: string): Promise<{ ids: string[]; meta: unknown }> {
  const res = await h.request('GET', `/sessions${query}`);
  expect(res.status, `${query}: ${res.text}`).toBe(200);
  return { ids: res.json.data.map((s: { id: string }) => s.id), meta: res.json.meta };
}

describe('an empty query value means "not given"', () => {
  it.each(LIST_QUERY_PARAMS)('GET /sessions?%s= answers as GET /sessions', async (param) => {
    expect(await list(`?${param}=`)).toEqual(await list(''));
  });

  it.each(LIST_QUERY_PARAMS)('…and next to other parameters: ?%s=&sort=title&recent=true', async (param) => {
    if (param === 'sort' || param === 'recent') return;
    expect(await list(`?${param}=&sort=title&recent=true`)).toEqual(await list('?sort=title&recent=true'));
  });

  it('every parameter empty at once, and a bare name (?limit) too', async () => {
    const all = LIST_QUERY_PARAMS.map((param) => `${param}=`).join('&');
    expect(await list(`?${all}`)).toEqual(await list(''));
    expect(await list('?limit&sort')).toEqual(await list(''));
  });

  it('tags: empty items and repeated empty values filter nothing', async () => {
    const none = await list('');
    expect(await list('?tags=&tags=')).toEqual(none);
    expect(await list('?tags=,,')).toEqual(none);
    expect(await list('?tags=,priority,')).toEqual(await list('?tags=priority'));
  });

  it('the defaults are the documented ones (limit 50, offset 0, -updatedAt)', async () => {
    const empty = await list('?limit=&offset=&sort=');
    expect(empty.meta).toEqual({ total: 60, limit: 50, offset: 0 });
    expect(empty.ids).toEqual((await list('?sort=-updatedAt&limit=50&offset=0')).ids);
    expect((await list('?recent=true&sort=')).ids).toEqual((await list('?recent=true&sort=-lastOpened')).ids);
  });

  it('a whitespace value is a value: q searches nothing, the others are judged and refused', async () => {
    expect(await list('?q=%20%20')).toEqual(await list(''));
    const refused: [string, RegExp][] = [
      ['sort', /^sort must be one of: title, lastOpened/],
      ['limit', /^limit must be an integer between 1 and 500/],
      ['offset', /^offset must be an integer >= 0/],
      ['kind', /^kind must be one of: Ableton/],
      ['daw', /^daw must be one of: Ableton/],
      ['status', /^status must be one of: idea/],
      ['recent', /^recent must be true or false/],
    ];
    for (const [param, message] of refused) {
      const res = await h.request('GET', `/sessions?${param}=%20`);
      expect(res.status, param).toBe(400);
      expect(res.json.error.code).toBe('invalid_input');
      expect(res.json.error.message).toMatch(message);
    }
  });

  it('a parameter given twice is refused even when empty (only tags may repeat)', async () => {
    const res = await h.request('GET', '/sessions?sort=&sort=');
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('sort must be given at most once');
  });

  it('variantId= and points= answer as when not given', async () => {
    for (const path of [`/sessions/${firstId}/waveform-notes`, `/sessions/${firstId}/waveform`]) {
      const bare = await h.request('GET', path);
      for (const query of [
        '?variantId=',
        path.endsWith('waveform') ? '?points=&variantId=' : '?variantId=',
      ]) {
        const res = await h.request('GET', `${path}${query}`);
        expect({ status: res.status, json: res.json }).toEqual({ status: bare.status, json: bare.json });
      }
    }
  });

  it('/openapi.json says what an empty value means, for every query parameter', async () => {
    const doc = (await h.request('GET', '/openapi.json')).json;
    const parameters = (path: string) =>
      (doc.paths[path].get.parameters as { in: string; name: string; description?: string }[]).filter(
        (p) => p.in === 'query',
      );
    const listParams = parameters('/api/v1/sessions');
    expect(listParams.map((p) => p.name).sort()).toEqual([...LIST_QUERY_PARAMS].sort());
    for (const path of [
      '/api/v1/sessions',
      '/api/v1/sessions/{id}/waveform',
      '/api/v1/sessions/{id}/waveform-notes',
    ]) {
      for (const p of parameters(path)) {
        expect(p.description, `${path} ${p.name}`).toContain(`Empty (\`${p.name}=\`)`);
      }
    }
  });
});
