import { SaxesParser } from 'saxes';
import { LiveSetWalker } from './ableton-set-walker';
import { streamSetText } from './ableton-text-stream';
import type { ProjectReader, ProjectReading } from './project-source';

/**
 * Reads an Ableton Live set (`.als`, Live 8–12): gzip-compressed XML, sometimes plain XML. The
 * XML is streamed (fflate's `Gunzip` into the `saxes` parser), never held whole nor built into a
 * tree: sets reach tens of MB of XML. What is read, and from where, is `LiveSetWalker`'s account.
 *
 * A file that is not a Live set throws with the reason. A set cut short (or corrupt) part-way
 * yields what was read before the cut, once its `<Ableton><LiveSet>` header was read.
 */
export const readAbletonProject: ProjectReader = (source) => parseAbletonSet(source.bytes());

export function parseAbletonSet(bytes: Uint8Array): ProjectReading {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const walker = new LiveSetWalker((wanted) => {
    if (wanted) parser.on('text', (text) => walker.text(text));
    else parser.off('text');
  });
  parser.on('opentag', (tag) => walker.open(tag.name, tag.attributes));
  parser.on('closetag', (tag) => walker.close(tag.name));

  let xmlProblem: string | null = null;
  const streamProblem = streamSetText(bytes, (text) => {
    try {
      parser.write(text);
    } catch (error) {
      xmlProblem = `the XML is malformed (${error instanceof Error ? error.message : String(error)})`;
      return false;
    }
    return walker.refusal === null;
  });
  if (walker.refusal !== null) throw new Error(`not an Ableton Live set: ${walker.refusal}`);
  if (xmlProblem === null && streamProblem === null) {
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
