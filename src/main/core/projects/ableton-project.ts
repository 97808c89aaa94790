import { SaxesParser } from 'saxes';
import { LiveSetWalker } from './ableton-set-walker';
import { UnreadSubtreeFilter } from './ableton-unread-filter';
import { streamSetXml } from './ableton-xml-stream';
import type { ProjectReader, ProjectReading } from './project-source';

/**
 * Reads an Ableton Live set (`.als`, Live 8–12): gzip-compressed XML, sometimes plain XML. The
 * XML goes through `UnreadSubtreeFilter` (which drops the plugin parameter lists, plugin state and
 * the other parts never read: most of a set's bytes) into the `saxes` parser, a piece at a time,
 * never as one string nor built into a tree: sets reach tens of MB of XML. What is read, and from
 * where, is `LiveSetWalker`'s account.
 *
 * A file that is not a Live set throws with the reason. A set cut short (or corrupt) part-way
 * yields what was read before the cut, once its `<Ableton><LiveSet>` header was read.
 */
export const readAbletonProject: ProjectReader = (source) => parseAbletonSet(source.bytes());

export interface AbletonSetOptions {
  /**
   * Drop what the walker never reads before parsing (the default). Off, every byte is parsed:
   * the same reading, slower; tests compare the two.
   */
  dropUnread?: boolean;
}

/**
 * The parser gets the XML as text in pieces of this many bytes at most: strings this small are
 * young-generation objects, whose memory V8 reuses; larger ones each get fresh pages, and
 * touching fresh memory was a large part of the reading time.
 */
const TEXT_PIECE_BYTES = 32 * 1024;

export function parseAbletonSet(bytes: Uint8Array, options: AbletonSetOptions = {}): ProjectReading {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const walker = new LiveSetWalker((wanted) => {
    if (wanted) parser.on('text', (text) => walker.text(text));
    else parser.off('text');
  });
  parser.on('opentag', (tag) => walker.open(tag.name, tag.attributes));
  parser.on('closetag', (tag) => walker.close(tag.name));

  let xmlProblem: string | null = null;
  const write = (text: string): boolean => {
    try {
      parser.write(text);
    } catch (error) {
      xmlProblem = `the XML is malformed (${error instanceof Error ? error.message : String(error)})`;
      return false;
    }
    return walker.refusal === null;
  };
  const decoder = new TextDecoder('utf-8');
  const parse = (xml: Uint8Array): boolean => {
    for (let offset = 0; offset < xml.length; offset += TEXT_PIECE_BYTES) {
      if (!write(decoder.decode(xml.subarray(offset, offset + TEXT_PIECE_BYTES), { stream: true }))) {
        return false;
      }
    }
    return true;
  };

  let streamProblem: string | null;
  if (options.dropUnread === false) streamProblem = streamSetXml(bytes, parse);
  else {
    const filter = new UnreadSubtreeFilter(parse);
    let parsing = true;
    streamProblem = streamSetXml(bytes, (xml) => {
      filter.push(xml);
      return (parsing = xmlProblem === null && walker.refusal === null);
    });
    if (parsing) filter.end();
  }
  if (walker.refusal !== null) throw new Error(`not an Ableton Live set: ${walker.refusal}`);
  // A character cut by the end of the file is not one: only a whole file's last bytes are decoded.
  if (xmlProblem === null && streamProblem === null && write(decoder.decode())) {
    try {
      parser.close();
    } catch (error) {
      xmlProblem = `the XML ends early (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  if (!walker.headerRead) {
    const reason = xmlProblem ?? streamProblem ?? 'the file holds no <Ableton><LiveSet> element';
    throw new Error(`not an Ableton Live set: ${reason}`);
  }
  return walker.reading();
}
