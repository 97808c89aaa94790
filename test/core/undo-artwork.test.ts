// Undo of a delete brings a session's artwork back with it (issue 13): the reference row is part
// of what a delete remembers, like tags, previews, notes and collection places.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../helpers/temp-core';
import { writeImage } from './artwork-images';

let temp: TempCore | null = null;
let folder: string | null = null;
afterEach(() => {
  temp?.cleanup();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

it('restores the artwork reference of an undone delete', async () => {
  temp = createTempCore();
  folder = mkdtempSync(join(tmpdir(), 'sessiondock-undo-artwork-'));
  const image = await writeImage(join(folder, 'cover.png'), 'png');
  const session = temp.core.sessions.create({ title: 'With art' });
  await temp.core.artwork.setFromPath(session.id, { path: image });
  const before = temp.core.artwork.get(session.id);
  expect(before).not.toBeNull();

  temp.core.sessions.delete(session.id);
  expect(() => temp!.core.artwork.get(session.id)).toThrow();
  temp.core.sessions.restore(session.id);
  expect(temp.core.artwork.get(session.id)).toEqual(before);
});
