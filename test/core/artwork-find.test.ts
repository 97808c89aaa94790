// Artwork found on import: cover.*, artwork.*, folder.* (in that order), else the only image at
// the project folder's top level; two images without a telling name: no guess. The folders are
// only read (hashed before and after).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findArtwork } from '../../src/main/core/artwork/find-artwork';
import { createTempCore, type TempCore } from '../helpers/temp-core';
import { makeTempDir, removeTempDirs, snapshotTree } from '../scan/fixtures';
import { writeImage } from './artwork-images';

afterEach(() => removeTempDirs());

/** A project folder holding `Song.als` and the given images (name → real image or junk). */
async function projectWith(
  images: Record<string, 'image' | 'junk'>,
): Promise<{ folder: string; project: string }> {
  const folder = await makeTempDir('sessiondock-artwork-find-');
  const project = join(folder, 'Song.als');
  writeFileSync(project, 'ableton set');
  for (const [name, kind] of Object.entries(images)) {
    if (kind === 'junk') writeFileSync(join(folder, name), 'not an image');
    else await writeImage(join(folder, name), formatOf(name));
  }
  return { folder, project };
}

function formatOf(name: string): 'png' | 'jpeg' | 'webp' | 'gif' {
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return extension === 'jpg' || extension === 'jpeg' ? 'jpeg' : (extension as 'png' | 'webp' | 'gif');
}

async function found(images: Record<string, 'image' | 'junk'>): Promise<string | null> {
  const { folder, project } = await projectWith(images);
  const before = await snapshotTree(folder);
  const result = await findArtwork(project);
  expect(await snapshotTree(folder)).toEqual(before);
  return result === null ? null : result.path.slice(folder.length + 1);
}

describe('findArtwork', () => {
  const names = ['cover', 'artwork', 'folder'];
  const extensions = ['png', 'jpg', 'jpeg', 'webp', 'gif'];
  it.each(names.flatMap((name) => extensions.map((extension) => `${name}.${extension}`)))(
    '%s is found among other images',
    async (file) => {
      expect(await found({ [file]: 'image', 'photo 1.png': 'image', 'photo 2.jpg': 'image' })).toBe(file);
    },
  );

  it('matches any letter case of the name and extension', async () => {
    expect(await found({ 'COVER.PNG': 'image', 'x.png': 'image' })).toBe('COVER.PNG');
    expect(await found({ 'Artwork.JpEg': 'image', 'x.png': 'image' })).toBe('Artwork.JpEg');
  });

  it('prefers cover over artwork over folder, and a png over a jpg of the same name', async () => {
    expect(await found({ 'folder.png': 'image', 'artwork.png': 'image', 'cover.gif': 'image' })).toBe(
      'cover.gif',
    );
    expect(await found({ 'folder.png': 'image', 'artwork.webp': 'image' })).toBe('artwork.webp');
    expect(await found({ 'cover.jpg': 'image', 'cover.png': 'image' })).toBe('cover.png');
  });

  it('takes the only image at the top level, whatever its name', async () => {
    expect(await found({ 'Final Art v3.webp': 'image' })).toBe('Final Art v3.webp');
    const { folder, project } = await projectWith({ 'only.jpg': 'image' });
    mkdirSync(join(folder, 'Samples'));
    await writeImage(join(folder, 'Samples', 'inside.png'), 'png');
    expect((await findArtwork(project))?.path).toBe(join(folder, 'only.jpg'));
  });

  it('makes no guess with two images and no telling name, or none at all', async () => {
    expect(await found({ 'a.png': 'image', 'b.jpg': 'image' })).toBeNull();
    expect(await found({})).toBeNull();
    expect(await found({ 'notes.txt': 'junk', 'cover.tiff': 'junk', 'cover.svg': 'junk' })).toBeNull();
  });

  it('never takes a hidden file (macOS ._ copies included) and counts only real images', async () => {
    expect(await found({ '._cover.jpg': 'junk', 'art.png': 'image' })).toBe('art.png');
    expect(await found({ '.cover.png': 'image', 'art.png': 'image' })).toBe('art.png');
    // A cover.png that is not an image gives way to the next telling name.
    expect(await found({ 'cover.png': 'junk', 'folder.jpg': 'image', 'x.gif': 'image' })).toBe('folder.jpg');
    expect(await found({ 'only.png': 'junk' })).toBeNull();
  });

  it('answers the header read: format and size', async () => {
    const { folder, project } = await projectWith({});
    await writeImage(join(folder, 'cover.webp'), 'webp', { width: 333, height: 222 });
    expect(await findArtwork(project)).toEqual({
      path: join(folder, 'cover.webp'),
      format: 'webp',
      width: 333,
      height: 222,
    });
  });

  it('looks beside a bundle project (a folder), follows a link to an image, and survives a missing folder', async () => {
    const folder = await makeTempDir('sessiondock-artwork-find-');
    const bundle = join(folder, 'Song.logicx');
    mkdirSync(bundle);
    await writeImage(join(bundle, 'cover.png'), 'png');
    const elsewhere = await makeTempDir('sessiondock-artwork-find-');
    await writeImage(join(elsewhere, 'real.jpg'), 'jpeg');
    symlinkSync(join(elsewhere, 'real.jpg'), join(folder, 'artwork.jpg'));
    expect((await findArtwork(`${bundle}/`))?.path).toBe(join(folder, 'artwork.jpg'));
    expect(await findArtwork(join(folder, 'gone', 'Song.als'))).toBeNull();
  });
});

describe('on import', () => {
  let temp: TempCore | null = null;
  afterEach(() => temp?.cleanup());

  const importAll = async (core: TempCore['core'], paths: string[]) => {
    const { importId } = core.imports.start({ items: paths.map((projectPath) => ({ projectPath })) });
    return core.imports.whenDone(importId);
  };

  it('each new session gets the artwork of its project folder; an existing session is left as it is', async () => {
    temp = createTempCore({ projectReader: null, peaksSource: null, artwork: { sweepDelayMs: null } });
    const covered = await projectWith({ 'cover.jpg': 'image', 'photo.png': 'image' });
    const single = await projectWith({ 'art.gif': 'image' });
    const ambiguous = await projectWith({ 'a.png': 'image', 'b.png': 'image' });
    // Two projects in one folder share its cover.
    const sibling = join(covered.folder, 'Song (alt).als');
    writeFileSync(sibling, 'another set');
    const trees = await Promise.all([covered, single, ambiguous].map(({ folder }) => snapshotTree(folder)));

    const status = await importAll(temp.core, [covered.project, single.project, ambiguous.project, sibling]);
    expect(status).toMatchObject({ completed: 4, failed: 0 });
    const artworkOf = (project: string) => {
      const id = temp!.core.sessions.findIdByProjectPath(project)!;
      return temp!.core.artwork.get(id);
    };
    expect(artworkOf(covered.project)).toMatchObject({
      source: 'found',
      path: join(covered.folder, 'cover.jpg'),
    });
    expect(artworkOf(sibling)).toMatchObject({ source: 'found', path: join(covered.folder, 'cover.jpg') });
    expect(artworkOf(single.project)).toMatchObject({
      source: 'found',
      path: join(single.folder, 'art.gif'),
      format: 'gif',
    });
    expect(artworkOf(ambiguous.project)).toBeNull();
    expect(await Promise.all([covered, single, ambiguous].map(({ folder }) => snapshotTree(folder)))).toEqual(
      trees,
    );

    // A session the user gave other artwork keeps it when its project is imported again (skipped).
    const chosen = await projectWith({ 'mine.png': 'image' });
    const id = temp.core.sessions.findIdByProjectPath(single.project)!;
    await temp.core.artwork.setFromPath(id, { path: join(chosen.folder, 'mine.png') });
    expect(await importAll(temp.core, [single.project])).toMatchObject({ skipped: 1 });
    expect(temp.core.artwork.get(id)).toMatchObject({
      source: 'file',
      path: join(chosen.folder, 'mine.png'),
    });
  });

  it('looks for nothing when the core is told not to', async () => {
    temp = createTempCore({ projectReader: null, peaksSource: null, findArtworkOnImport: false });
    const covered = await projectWith({ 'cover.png': 'image' });
    await importAll(temp.core, [covered.project]);
    expect(temp.core.artwork.get(temp.core.sessions.findIdByProjectPath(covered.project)!)).toBeNull();
  });
});
