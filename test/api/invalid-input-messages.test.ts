// Each invalid_input message says what is really accepted (item: messages audit). Messages the
// contract publishes (the title example of local-api.md §3) stay verbatim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness;
let id: string;
beforeAll(async () => {
  h = await startApi();
  id = h.core.sessions.create({ title: 'Target' }).id;
});
afterAll(() => h.close());

const CLIENT_RULE = 'client must be a string of at most 200 characters with no control characters, or null';

describe('invalid_input messages name what is accepted', () => {
  it.each([
    ['too long', 'x'.repeat(201)],
    ['a control character', 'a\u0001b'],
    ['a number', 5],
  ])('client: %s → the whole rule, null included', async (_name, client) => {
    const res = await h.request('PATCH', `/sessions/${id}`, { body: { client } });
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({ status: 400, code: 'invalid_input', message: CLIENT_RULE });
  });

  it('client: null and 200 characters are accepted, as the message says', async () => {
    expect((await h.request('PATCH', `/sessions/${id}`, { body: { client: null } })).status).toBe(200);
    expect((await h.request('PATCH', `/sessions/${id}`, { body: { client: 'c'.repeat(200) } })).status).toBe(
      200,
    );
  });

  it('the published title message stays verbatim', async () => {
    const res = await h.request('PATCH', `/sessions/${id}`, { body: { title: '' } });
    expect(res.json.error.message).toBe('title must be a non-empty string (at most 200 characters)');
  });
});
