// The shared zip step of the .song and .dawproject readers: only wanted entries are inflated,
// damaged archives are refused with a reason, XML entries are walked and stop where they break.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAX_ZIP_ENTRY_BYTES,
  readZipEntries,
  walkZipXml,
  zipEntryText,
} from '../../src/main/core/projects/zip-entries';

function archive(): Uint8Array {
  return zipSync({
    'doc.xml': strToU8('\uFEFF<Root><A x:id="first" v="1"/><B>text</B></Root>'),
    'cut.xml': strToU8('<Root><A v="1"/><A v="2"/><A v='),
    'audio/loop.wav': new Uint8Array(4096).map((_, i) => (i * 7) & 0xff),
  });
}

/** Offsets of a zip's central directory headers (`PK\x01\x02`). */
function centralHeaders(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x01 && bytes[i + 3] === 0x02)
      offsets.push(i);
  }
  return offsets;
}

describe('zip entries', () => {
  it('lists every entry and inflates only the wanted ones', () => {
    const entries = readZipEntries(archive(), (name) => name.endsWith('.xml'));
    expect(entries.names).toEqual(['doc.xml', 'cut.xml', 'audio/loop.wav']);
    expect([...entries.files.keys()]).toEqual(['doc.xml', 'cut.xml']);
    expect(zipEntryText(entries, 'doc.xml')).toBe('<Root><A x:id="first" v="1"/><B>text</B></Root>');
    expect(zipEntryText(entries, 'audio/loop.wav')).toBeNull();
  });

  it('never inflates an unwanted entry, so a damaged one of those does not matter', () => {
    const bytes = zipSync({ 'a.xml': strToU8('<A/>'), 'b.bin': strToU8('b'.repeat(5000)) });
    // Overwrite b.bin's deflate stream with an invalid block type.
    const local = bytes.findIndex(
      (_, i) =>
        bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x03 && bytes[i + 3] === 0x04 && i > 0,
    );
    const nameLength = bytes[local + 26]! | (bytes[local + 27]! << 8);
    const extraLength = bytes[local + 28]! | (bytes[local + 29]! << 8);
    bytes.fill(0xff, local + 30 + nameLength + extraLength, local + 30 + nameLength + extraLength + 8);
    expect(readZipEntries(bytes, (name) => name === 'a.xml').files.has('a.xml')).toBe(true);
    expect(() => readZipEntries(bytes, () => true)).toThrow(/damaged or cut short/);
  });

  it('refuses what is not a zip, a zip cut short, and an entry claiming an absurd size', () => {
    expect(() => readZipEntries(strToU8('<Project version="1.0"/>'), () => true)).toThrow(
      /not a zip archive/,
    );
    expect(() => readZipEntries(new Uint8Array(0), () => true)).toThrow(/not a zip archive/);
    const whole = archive();
    expect(() => readZipEntries(whole.subarray(0, whole.length - 30), () => true)).toThrow(
      /the zip archive is damaged or cut short/,
    );
    const huge = zipSync({ 'project.xml': strToU8('<Project/>') });
    const header = centralHeaders(huge)[0]!;
    new DataView(huge.buffer, huge.byteOffset).setUint32(header + 24, MAX_ZIP_ENTRY_BYTES + 1, true);
    expect(() => readZipEntries(huge, () => true)).toThrow(/project\.xml is too large to read/);
  });

  it('walks XML elements with their attributes as written, and stops where a document breaks', () => {
    const entries = readZipEntries(archive(), () => true);
    const seen: string[] = [];
    expect(
      walkZipXml(entries, 'doc.xml', {
        open: (name, attributes) => seen.push(`<${name} ${JSON.stringify(attributes)}`),
        close: (name) => seen.push(`</${name}`),
      }),
    ).toBe(true);
    expect(seen).toEqual(['<Root {}', '<A {"x:id":"first","v":"1"}', '</A', '<B {}', '</B', '</Root']);
    const cut: string[] = [];
    walkZipXml(entries, 'cut.xml', { open: (_name, attributes) => cut.push(attributes.v ?? '') });
    expect(cut).toEqual(['', '1', '2']);
    expect(walkZipXml(entries, 'absent.xml', { open: () => undefined })).toBe(false);
  });
});
