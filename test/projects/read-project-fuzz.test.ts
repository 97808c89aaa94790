// Damaged project files never crash or hang the reader: every corpus project file, cut short and
// with bytes flipped at seeded random places, gives a status and a message, never a throw.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_PROJECTS, findCorpusProjects } from '../../bench/lib/corpus-projects';
import { readProjectAt } from '../../src/main/core/projects/read-project';

/** A small seeded generator (mulberry32), so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTATIONS_PER_FILE = 6;
const dir = mkdtempSync(join(tmpdir(), 'sessiondock-fuzz-projects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(CORPUS_PROJECTS))(
  'damaged corpus projects (skipped: ../shared/corpus is absent)',
  () => {
    const files = existsSync(CORPUS_PROJECTS)
      ? findCorpusProjects(CORPUS_PROJECTS, { skipBackups: true }).filter((path) => statSync(path).isFile())
      : [];

    it.each(files.map((path) => [basename(path), path] as const))('%s', (_name, path) => {
      const original = readFileSync(path);
      const next = random(original.length);
      for (let round = 0; round < MUTATIONS_PER_FILE; round++) {
        const damaged = Buffer.from(original.subarray(0, Math.floor(next() * original.length)));
        if (round % 2 === 1) {
          for (let flip = 0; flip < 8 && damaged.length > 0; flip++) {
            damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
          }
        }
        const copy = join(dir, `round ${round} ${basename(path)}`);
        writeFileSync(copy, damaged);
        const outcome = readProjectAt(copy);
        expect(['ready', 'unreadable', 'unsupported']).toContain(outcome.status);
        if (outcome.status === 'ready') expect(outcome.metadata).not.toBeNull();
        else expect(outcome.message).toMatch(/\S/);
      }
    });
  },
);
