// Property test: for every write route whose body the schema can judge on its own, bodies are
// generated from the published /openapi.json schema (and near-misses of them), sent over HTTP, and
// the schema's verdict (schemaJudge) must be the service's: what the schema accepts is accepted, what it
// refuses is refused with 400 invalid_input. Generated text is NFC and has no whitespace runs: those
// rules (NFC before counting, collapsing) are stated in the descriptions, not in JSON Schema keywords.
// Tag lists may hold duplicates: the schema sets no maxItems (32 distinct tags after de-duplication,
// stated in its description) and generated lists are far shorter (test/api/tags-limit.test.ts).
// Not covered here, because the answer depends on the library's state rather than on the body: the
// preview attach (the file must exist) and the preferred-preview choice (the id must exist).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { arbitraryOf, inlineRefs, nearMissOf, schemaJudge, type Schema } from './schema-arbitrary';

/* eslint-disable @typescript-eslint/no-explicit-any */
let h: ApiHarness;
let doc: any;
let sessionId: string;

const ROUTES: [string, string, string][] = [
  ['createSession', 'POST', '/sessions'],
  ['patchSession', 'PATCH', '/sessions/{id}'],
  ['replaceSessionTags', 'PUT', '/sessions/{id}/tags'],
  ['patchSessionTags', 'PATCH', '/sessions/{id}/tags'],
  ['replaceSessionNotes', 'PUT', '/sessions/{id}/notes'],
  ['patchSessionNotes', 'PATCH', '/sessions/{id}/notes'],
  ['replaceSessionWaveformNotes', 'PUT', '/sessions/{id}/waveform-notes'],
  ['patchSessionWaveformNotes', 'PATCH', '/sessions/{id}/waveform-notes'],
  ['createImport', 'POST', '/import'],
];

beforeAll(async () => {
  h = await startApi();
  doc = (await h.request('GET', '/openapi.json')).json;
  sessionId = h.core.sessions.create({ title: 'Target' }).id;
  const wav = join(h.dataDir, 'mix.wav');
  writeFileSync(wav, Buffer.alloc(64));
  h.core.previews.attach(sessionId, { path: wav, preferred: true });
});
afterAll(() => h.close());

function bodySchema(operationId: string): Schema {
  for (const item of Object.values<any>(doc.paths)) {
    for (const op of Object.values<any>(item)) {
      if (op?.operationId === operationId) {
        return inlineRefs(op.requestBody.content['application/json'].schema, doc.components.schemas);
      }
    }
  }
  throw new Error(`no operation ${operationId}`);
}

describe.each(ROUTES)('%s: the schema and the service agree', (operationId, method, path) => {
  it('on generated bodies and near-misses', async () => {
    const schema = bodySchema(operationId);
    const valid = schemaJudge(schema);
    const url = path.replace('{id}', sessionId);
    const bodies = fc.oneof(arbitraryOf(schema), nearMissOf(schema));
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await h.request(method, url, { body });
        const schemaSays = valid(body);
        if (schemaSays) accepted++;
        else refused++;
        const verdict = `${JSON.stringify(body).slice(0, 300)} → ${res.status} ${res.text.slice(0, 200)}`;
        if (schemaSays) expect(res.status, verdict).toBeLessThan(300);
        else {
          expect(res.status, verdict).toBe(400);
          expect(res.json?.error?.code, verdict).toBe('invalid_input');
        }
      }),
      // FC_SEED=<seed from a failure report> replays a run.
      { numRuns: 300, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
    // Both sides of the boundary were really explored.
    expect(accepted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });
});
