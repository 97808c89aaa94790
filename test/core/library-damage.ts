import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { expect } from 'vitest';
import { createCore } from '../../src/main/core/create-core';

/**
 * Page-level damage for library tests (damaged libraries, the start-up check): a healthy library
 * of a given size, and an index entry broken in place so only the full integrity check sees it.
 */

/** A cleanly closed library at `<dir>/library.sqlite` holding `count` sessions; returns their ids. */
export function libraryWithSessions(dir: string, count: number): string[] {
  const core = createCore({ dataDir: dir, backgroundCheckDelayMs: null });
  try {
    return core.db.transaction(() =>
      Array.from(
        { length: count },
        (_, i) =>
          core.sessions.create({
            title: `Take ${String(i).padStart(4, '0')}`,
            client: 'Studio B',
            notes: `Notes for take ${i}. `.repeat(30),
            tags: ['vocals', `batch-${i % 10}`],
          }).id,
      ),
    )();
  } finally {
    core.close();
  }
}

export function pageSizeOf(path: string): number {
  const header = readFileSync(path).subarray(0, 100);
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

export function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

function readPage(path: string, page: number, pageSize: number): Buffer {
  const buffer = Buffer.alloc(pageSize);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

/**
 * The offset of `text` inside a live cell of a b-tree index leaf page (type 0x0a): the middle
 * cell's pointer is read from the cell-pointer array, so stale bytes in free space are never hit.
 */
function keyTextInIndexLeaf(page: Buffer, text: string): number {
  expect(page[0]).toBe(0x0a);
  const cells = page.readUInt16BE(3);
  expect(cells).toBeGreaterThan(2);
  const cell = page.readUInt16BE(8 + 2 * Math.floor(cells / 2));
  const at = page.indexOf(text, cell, 'latin1');
  expect(at).toBeGreaterThan(cell);
  expect(at - cell).toBeLessThan(16);
  return at;
}

/** The leaf pages of the title index of the (healthy, closed) library in `dir`, in key order. */
export function titleIndexLeafPages(dir: string): number[] {
  const probe = createCore({ dataDir: dir, backgroundCheckDelayMs: null });
  try {
    const pages = probe.db
      .prepare(
        "SELECT pageno FROM dbstat WHERE name = 'sessions_by_title' AND pagetype = 'leaf' ORDER BY path",
      )
      .pluck()
      .all() as number[];
    expect(pages.length).toBeGreaterThan(2);
    return pages;
  } finally {
    probe.close();
  }
}

/**
 * Changes one key's text in place on an index leaf page of the closed library at `path`
 * ("take" → "tbke"): the b-tree stays well-formed, but the entry no longer matches its row.
 */
export function breakIndexEntry(path: string, page: number): void {
  const pageSize = pageSizeOf(path);
  const at = keyTextInIndexLeaf(readPage(path, page, pageSize), 'take ');
  overwrite(path, (page - 1) * pageSize + at + 1, Buffer.from('b'));
}
