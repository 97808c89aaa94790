import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * Reading a few entries of a zip-packed project (Studio One `.song`, `.dawproject`). Only the
 * entries asked for are inflated: a DAWproject can embed hundreds of megabytes of audio that a
 * metadata read never needs. A zip keeps its table of contents at its end, so a file cut short
 * cannot be listed at all: it throws with a reason instead of yielding a partial reading.
 */
export interface ZipEntries {
  /** Every entry name in the archive, folders included, in the archive's order. */
  names: string[];
  /** The inflated bytes of the wanted entries that are present. */
  files: Map<string, Uint8Array>;
}

/** No real project document inside a zip is this large; a larger one is a damaged or hostile size field. */
export const MAX_ZIP_ENTRY_BYTES = 256 * 1024 * 1024;

export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean): ZipEntries {
  if (!startsLikeZip(bytes)) throw new Error('not a zip archive (no zip signature at its start)');
  const names: string[] = [];
  let inflated: Record<string, Uint8Array>;
  try {
    inflated = unzipSync(bytes, {
      filter(file) {
        names.push(file.name);
        if (!wanted(file.name)) return false;
        if (file.originalSize > MAX_ZIP_ENTRY_BYTES) {
          throw new ZipEntryTooLarge(`${file.name} is too large to read (${file.originalSize} bytes)`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ZipEntryTooLarge) throw new Error(error.message, { cause: error });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the zip archive is damaged or cut short (${reason})`, { cause: error });
  }
  return { names, files: new Map(Object.entries(inflated)) };
}

/** An entry as text: UTF-8, a byte-order mark dropped, invalid bytes replaced rather than fatal. */
export function zipEntryText(entries: ZipEntries, name: string): string | null {
  const bytes = entries.files.get(name);
  return bytes === undefined ? null : new TextDecoder('utf-8').decode(bytes);
}

/** What a walk over an XML entry calls: each element's name and attributes, then its end. */
export interface XmlVisitor {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
}

/**
 * Walks an XML entry with the streaming parser, element by element. Attribute names are taken as
 * written (`x:id` stays `x:id`: Studio One uses that prefix without declaring it). A malformed or
 * cut-short document stops the walk where it breaks: what was met before the break stands.
 * Returns false when the entry is absent.
 */
export function walkZipXml(entries: ZipEntries, name: string, visitor: XmlVisitor): boolean {
  const text = zipEntryText(entries, name);
  if (text === null) return false;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => visitor.open(tag.name, tag.attributes as Record<string, string>));
  if (visitor.close) {
    const close = visitor.close.bind(visitor);
    parser.on('closetag', (tag) => close(tag.name));
  }
  parser.on('error', () => {
    throw XML_BROKEN;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error !== XML_BROKEN) throw error;
  }
  return true;
}

const XML_BROKEN = new Error('malformed XML');

class ZipEntryTooLarge extends Error {}

/** `PK\x03\x04` (a first entry) or `PK\x05\x06` (an empty archive). */
function startsLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}
