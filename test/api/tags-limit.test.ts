// The tag-count rule over HTTP, as /openapi.json states it: at most 32 distinct tags after
// normalising (trim, collapse inner whitespace, NFC, case-insensitive), so a list of more entries
// whose duplicates reduce it to 32 or fewer is accepted; 33 distinct tags are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/domain';
import { startApi, type ApiHarness } from '../helpers/api-harness';

/* eslint-disable @typescript-eslint/no-explicit-any */
let h: ApiHarness;
let doc: any;
beforeAll(async () => {
  h = await startApi();
  doc = (await h.request('GET', '/openapi.json')).json;
});
afterAll(() => h.close());

const distinct = (count: number): string[] => Array.from({ length: count }, (_, i) => `tag ${i}`);
/** 32 distinct tags spelled 64 times: each again in another case and spacing. */
const withDuplicates = (): string[] => [
  ...distinct(LIMITS.tagsMax),
  ...distinct(LIMITS.tagsMax).map((t) => ` ${t.toUpperCase().replace(' ', '   ')} `),
];

describe('tags: at most 32 distinct after normalising', () => {
  it.each(['PUT', 'PATCH'] as const)(
    '%s /tags takes 64 entries that are 32 distinct tags',
    async (method) => {
      const { id } = h.core.sessions.create({ title: 'Tagged' });
      const res = await h.request(method, `/sessions/${id}/tags`, { body: { tags: withDuplicates() } });
      expect(res.status, res.text).toBe(200);
      expect(res.json.data).toEqual({ id, tags: distinct(LIMITS.tagsMax) });
    },
  );

  it('create and patch take them too', async () => {
    const created = await h.request('POST', '/sessions', { body: { title: 'New', tags: withDuplicates() } });
    expect(created.status, created.text).toBe(201);
    expect(created.json.data.tags).toEqual(distinct(LIMITS.tagsMax));
    const patched = await h.request('PATCH', `/sessions/${created.json.data.id}`, {
      body: { tags: [...withDuplicates(), 'TAG 0'] },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.data.tags).toEqual(distinct(LIMITS.tagsMax));
  });

  it.each(['PUT', 'PATCH'] as const)(
    '%s /tags refuses 33 distinct tags, duplicates or not',
    async (method) => {
      const { id } = h.core.sessions.create({ title: 'Tagged', tags: ['keep'] });
      for (const tags of [distinct(LIMITS.tagsMax + 1), [...withDuplicates(), 'one more']]) {
        const res = await h.request(method, `/sessions/${id}/tags`, { body: { tags } });
        expect(res.status, res.text).toBe(400);
        expect(res.json.error).toMatchObject({
          code: 'invalid_input',
          message: `tags must hold at most ${LIMITS.tagsMax} distinct tags (got ${LIMITS.tagsMax + 1})`,
        });
      }
      expect(h.core.sessions.get(id).tags).toEqual(['keep']);
    },
  );

  it('the published schema states the rule and sets no maxItems on the entries', () => {
    const write = doc.components.schemas.SessionCreate.properties.tags;
    expect(write.maxItems).toBeUndefined();
    expect(write.description).toContain(`at most ${LIMITS.tagsMax} distinct tags may remain`);
    expect(write.description).toContain('de-duplicated case-insensitively');
    // What is stored (and read back) never holds more than 32.
    expect(doc.components.schemas.Session.properties.tags.maxItems).toBe(LIMITS.tagsMax);
  });
});
