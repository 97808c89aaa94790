import { Buffer } from 'node:buffer';

/**
 * Drops, from a Live set's XML bytes, what `LiveSetWalker` never reads, before the XML parser has
 * to tokenise it: most of a set is plugin parameter lists, plugin state, and each parameter's
 * automation and MIDI-mapping details, and parsing them was most of the reading time.
 *
 * What goes:
 *  - the subtree of any element named in `UNREAD_ELEMENTS`, at depth 4 or deeper (`<Ableton>` is
 *    depth 0), when it is not directly inside a `<Devices>` (it would be a device) nor a
 *    `<PluginDesc>` (the walker reads any child there), nor anywhere inside a `FileRef`,
 *    `SourceContext`, `Tempo` or `TimeSignature`; `Mixer` only outside the main track;
 *  - the preview track (`LiveSet > PreHearTrack`), which the walker skips;
 *  - whitespace between elements, except inside the zones above.
 *
 * A subtree found to hold a `Devices`, `SampleRef` or `Mixer` (or, inside a Max for Live device,
 * a `FileRef`) is kept after all: the walker would read those. The names in `UNREAD_ELEMENTS` are
 * none the walker reads, and it reads nothing else under them, so its events, and what it makes
 * of them, are the same as with every byte (checked on every corpus set and synthetic set).
 *
 * Works on any split of the bytes: an element cut by a chunk boundary waits for the next chunk.
 * Anything it does not expect (a DOCTYPE, a `<` that starts no markup, a pending element larger
 * than `MAX_PENDING_BYTES`) turns it into a pass-through from there on, so the parser sees the
 * very bytes and reports what is wrong; `end()` passes on whatever was still pending (a file cut
 * inside a dropped subtree).
 */
export class UnreadSubtreeFilter {
  private tail: Buffer | null = null;
  private readonly out = Buffer.allocUnsafe(OUTPUT_BYTES);
  private outLength = 0;
  private stopped = false;
  private passThrough = false;
  /** Kinds of the open elements that were kept, the root first. */
  private readonly open: number[] = [];
  /** Open `PROTECTED` elements: nothing inside them is dropped. */
  private protectedDepth = 0;
  /** Open elements named `MxDevice…`: their `FileRef`s name the patch. */
  private maxDevices = 0;
  private inMainTrack = false;
  /** The current text has shown a non-whitespace byte: the rest of it is kept. */
  private textKept = false;
  /** Offset (in the bytes being scanned) of an element found to hold something read: kept. */
  private keepAt = -1;

  /** `emit` gets the kept bytes in order; it returns false to stop the filter. */
  constructor(private readonly emit: (bytes: Uint8Array) => boolean) {}

  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.tail !== null) {
      bytes = Buffer.concat([this.tail, bytes]);
      this.tail = null;
    }
    const pending = this.passThrough ? 0 : this.scan(bytes);
    if (this.passThrough) this.write(bytes, pending, bytes.length);
    else if (pending < bytes.length) {
      if (bytes.length - pending > MAX_PENDING_BYTES) {
        this.passThrough = true;
        this.write(bytes, pending, bytes.length);
      } else {
        this.tail = Buffer.from(bytes.subarray(pending));
        this.keepAt = this.keepAt >= pending ? this.keepAt - pending : -1;
      }
    }
    this.flush();
  }

  /** The input has ended: what was pending (an element cut short) is passed on as it was. */
  end(): void {
    if (this.tail !== null) this.write(this.tail, 0, this.tail.length);
    this.tail = null;
    this.flush();
  }

  /**
   * Scans `bytes`, writing what is kept; returns the offset from which bytes are pending (an
   * element not complete in them), `bytes.length` when none are.
   */
  private scan(bytes: Buffer): number {
    const length = bytes.length;
    const open = this.open;
    let position = 0;
    let keptFrom = 0;
    for (;;) {
      if (this.stopped) return length;
      const lt = bytes.indexOf(LT, position);
      const textEnd = lt === -1 ? length : lt;
      if (position < textEnd && this.protectedDepth === 0 && !this.textKept) {
        let text = position;
        while (text < textEnd && isWhitespace(bytes[text]!)) text++;
        if (text > position) {
          this.write(bytes, keptFrom, position);
          keptFrom = text;
        }
        this.textKept = text < textEnd;
      }
      if (lt === -1) {
        this.write(bytes, keptFrom, length);
        return length;
      }
      this.textKept = false;
      if (lt + 1 >= length) return this.stop(bytes, keptFrom, lt, false);
      const next = bytes[lt + 1]!;

      if (next === SLASH) {
        const gt = bytes.indexOf(GT, lt + 2);
        if (gt === -1) return this.stop(bytes, keptFrom, lt, false);
        const kind = open.pop();
        if (kind === undefined) return this.stop(bytes, keptFrom, lt, true);
        this.closed(kind, open.length);
        position = gt + 1;
        continue;
      }
      if (next === BANG || next === QUESTION) {
        const end = declarationEnd(bytes, lt);
        if (end === INCOMPLETE) return this.stop(bytes, keptFrom, lt, false);
        if (end === UNEXPECTED) return this.stop(bytes, keptFrom, lt, true);
        position = end;
        continue;
      }

      let nameEnd = lt + 1;
      let hash = 0;
      while (nameEnd < length) {
        const byte = bytes[nameEnd]!;
        if (endsName(byte)) break;
        hash = (Math.imul(hash, 31) + byte) | 0;
        nameEnd++;
      }
      if (nameEnd >= length) return this.stop(bytes, keptFrom, lt, false);
      if (nameEnd === lt + 1) return this.stop(bytes, keptFrom, lt, true);
      const gt = tagEnd(bytes, nameEnd);
      if (gt === INCOMPLETE) return this.stop(bytes, keptFrom, lt, false);
      if (gt === UNEXPECTED) return this.stop(bytes, keptFrom, lt, true);
      const selfClosing = bytes[gt - 1] === SLASH;
      const kind = kindOf(bytes, lt + 1, nameEnd, hash);
      const depth = open.length;

      if (lt !== this.keepAt && this.droppable(kind, depth)) {
        let end = gt + 1;
        if (!selfClosing) {
          const guarded = kind !== PRE_HEAR_TRACK;
          end = subtreeEnd(bytes, lt + 1, nameEnd, gt + 1, guarded, guarded && this.maxDevices > 0);
          if (end === INCOMPLETE) return this.stop(bytes, keptFrom, lt, false);
          if (end === HOLDS_READ) {
            // Read it element by element instead: what is read inside stays, the rest still goes.
            this.keepAt = lt;
            position = lt;
            continue;
          }
        }
        this.write(bytes, keptFrom, lt);
        keptFrom = position = end;
        continue;
      }
      if (!selfClosing) {
        open.push(kind);
        this.opened(kind, depth);
      }
      position = gt + 1;
    }
  }

  private droppable(kind: number, depth: number): boolean {
    if (kind === PRE_HEAR_TRACK) return depth === 2;
    if (depth < 4 || this.protectedDepth > 0) return false;
    if (kind !== UNREAD && (kind !== MIXER || this.inMainTrack)) return false;
    const parent = this.open[depth - 1];
    return parent !== DEVICES && parent !== PLUGIN_DESC;
  }

  private opened(kind: number, depth: number): void {
    if (kind === PROTECTED) this.protectedDepth++;
    else if (kind === MAX_DEVICE) this.maxDevices++;
    else if (kind === MAIN_TRACK && depth === 2) this.inMainTrack = true;
  }

  private closed(kind: number, depth: number): void {
    if (kind === PROTECTED) this.protectedDepth--;
    else if (kind === MAX_DEVICE) this.maxDevices--;
    else if (kind === MAIN_TRACK && depth === 2) this.inMainTrack = false;
  }

  /**
   * Ends a scan at `at`: what was kept before it is written; the rest is pending, or (something
   * unexpected) passed on as it is from here on.
   */
  private stop(bytes: Buffer, keptFrom: number, at: number, unexpected: boolean): number {
    this.write(bytes, keptFrom, at);
    if (unexpected) this.passThrough = true;
    return at;
  }

  private write(bytes: Buffer, from: number, to: number): void {
    const size = to - from;
    if (size <= 0 || this.stopped) return;
    if (this.outLength + size > OUTPUT_BYTES) {
      this.flush();
      if (this.stopped) return;
      if (size > OUTPUT_BYTES) {
        if (!this.emit(bytes.subarray(from, to))) this.stopped = true;
        return;
      }
    }
    bytes.copy(this.out, this.outLength, from, to);
    this.outLength += size;
  }

  private flush(): void {
    if (this.outLength === 0 || this.stopped) return;
    const full = this.out.subarray(0, this.outLength);
    this.outLength = 0;
    if (!this.emit(full)) this.stopped = true;
  }
}

/**
 * Elements the walker reads nothing in: plugin parameter lists and plugin state, every
 * parameter's automation, modulation and MIDI-mapping details, clip contents other than sample
 * references (MIDI notes, envelopes, warp markers, loop and follow-action settings), a track's
 * automation lanes, routings and MIDI controller mappings. None is a name the walker looks at but
 * `Manual`, which it reads only inside `Tempo` and `TimeSignature`, where nothing is dropped.
 */
export const UNREAD_ELEMENTS = [
  'ParameterList',
  'Preset',
  'Buffer',
  'ProcessorState',
  'AutomationTarget',
  'ModulationTarget',
  'MidiControllerRange',
  'MidiCCOnOffThresholds',
  'LockEnvelope',
  'LomId',
  'LomIdView',
  'Manual',
  'MidiClip',
  'ClipTimeable',
  'Notes',
  'KeyTracks',
  'WarpMarkers',
  'Envelopes',
  'AutomationEnvelopes',
  'AutomationLanes',
  'ClipEnvelopeChooserViewState',
  'Loop',
  'FollowAction',
  'Fades',
  'Grid',
  'ScrollerTimePreserver',
  'TimeSelection',
  'MidiControllers',
  'AudioInputRouting',
  'MidiInputRouting',
  'AudioOutputRouting',
  'MidiOutputRouting',
];

/** Kinds of element the filter tells apart. */
const OTHER = 0;
const UNREAD = 1;
const MIXER = 2;
const DEVICES = 3;
const PLUGIN_DESC = 4;
/** Nothing inside is dropped: file references, a device's source, the tempo and signature. */
const PROTECTED = 5;
const MAIN_TRACK = 6;
const PRE_HEAR_TRACK = 7;
const MAX_DEVICE = 8;

const KINDS: [string, number][] = [
  ...UNREAD_ELEMENTS.map((name): [string, number] => [name, UNREAD]),
  ['Mixer', MIXER],
  ['Devices', DEVICES],
  ['PluginDesc', PLUGIN_DESC],
  ['FileRef', PROTECTED],
  ['SourceContext', PROTECTED],
  ['Tempo', PROTECTED],
  ['TimeSignature', PROTECTED],
  ['MasterTrack', MAIN_TRACK],
  ['MainTrack', MAIN_TRACK],
  ['PreHearTrack', PRE_HEAR_TRACK],
];

interface KnownName {
  bytes: Buffer;
  kind: number;
}

/** Known names by the hash `scan` computes while reading a name (31 × hash + byte). */
const KNOWN_NAMES = new Map<number, KnownName>();
for (const [name, kind] of KINDS) {
  const bytes = Buffer.from(name, 'latin1');
  const hash = bytes.reduce((sum, byte) => (Math.imul(sum, 31) + byte) | 0, 0);
  if (KNOWN_NAMES.has(hash)) throw new Error(`element names share a hash: ${name}`);
  KNOWN_NAMES.set(hash, { bytes, kind });
}

const MAX_DEVICE_PREFIX = Buffer.from('MxDevice', 'latin1');

function kindOf(bytes: Buffer, start: number, end: number, hash: number): number {
  const known = KNOWN_NAMES.get(hash);
  if (known !== undefined && sameBytes(bytes, start, end, known.bytes)) return known.kind;
  const prefix = MAX_DEVICE_PREFIX.length;
  return end - start > prefix && sameBytes(bytes, start, start + prefix, MAX_DEVICE_PREFIX)
    ? MAX_DEVICE
    : OTHER;
}

const DEVICES_NAME = Buffer.from('Devices', 'latin1');
const SAMPLE_REF_NAME = Buffer.from('SampleRef', 'latin1');
const MIXER_NAME = Buffer.from('Mixer', 'latin1');
const FILE_REF_NAME = Buffer.from('FileRef', 'latin1');

/**
 * Where the subtree whose start tag ends at `from` ends (after its end tag): elements of its own
 * name nest. `HOLDS_READ` when `guarded` and it holds an element the walker reads (a `FileRef`
 * only when `fileRefs`); `INCOMPLETE` when its end is not in `bytes`.
 */
function subtreeEnd(
  bytes: Buffer,
  nameStart: number,
  nameEnd: number,
  from: number,
  guarded: boolean,
  fileRefs: boolean,
): number {
  const length = bytes.length;
  const nameLength = nameEnd - nameStart;
  let depth = 1;
  let position = from;
  for (;;) {
    const lt = bytes.indexOf(LT, position);
    if (lt === -1 || lt + 1 >= length) return INCOMPLETE;
    const next = bytes[lt + 1]!;
    if (next === SLASH) {
      const after = lt + 2 + nameLength;
      if (after >= length) return INCOMPLETE;
      if (
        sameName(bytes, lt + 2, nameStart, nameLength) &&
        (bytes[after] === GT || isWhitespace(bytes[after]!))
      ) {
        if (--depth === 0) {
          const gt = bytes.indexOf(GT, after);
          return gt === -1 ? INCOMPLETE : gt + 1;
        }
      }
      position = lt + 2;
      continue;
    }
    if (next === BANG || next === QUESTION) {
      const end = declarationEnd(bytes, lt);
      if (end === INCOMPLETE) return INCOMPLETE;
      // Unexpected here: kept, and the element-by-element reading passes it on.
      if (end === UNEXPECTED) return HOLDS_READ;
      position = end;
      continue;
    }
    let end = lt + 1;
    while (end < length && !endsName(bytes[end]!)) end++;
    if (end >= length) return INCOMPLETE;
    const size = end - lt - 1;
    if (size === nameLength && sameName(bytes, lt + 1, nameStart, nameLength)) {
      const gt = tagEnd(bytes, end);
      if (gt === INCOMPLETE) return INCOMPLETE;
      if (gt === UNEXPECTED) return HOLDS_READ;
      if (bytes[gt - 1] !== SLASH) depth++;
      position = gt + 1;
      continue;
    }
    if (
      guarded &&
      ((size === 7 &&
        (sameBytes(bytes, lt + 1, end, DEVICES_NAME) ||
          (fileRefs && sameBytes(bytes, lt + 1, end, FILE_REF_NAME)))) ||
        (size === 9 && sameBytes(bytes, lt + 1, end, SAMPLE_REF_NAME)) ||
        (size === 5 && sameBytes(bytes, lt + 1, end, MIXER_NAME)))
    ) {
      return HOLDS_READ;
    }
    position = end;
  }
}

// Markup on bytes (all of it is ASCII). Kept in this module with the scanning: reached across
// modules (tsx's CommonJS output goes through getters) the scan took half as long again.

/** The `>` ending a start tag whose name ends at `from`; `>` inside quoted values does not count. */
function tagEnd(bytes: Buffer, from: number): number {
  const length = bytes.length;
  for (let position = from; position < length; position++) {
    const byte = bytes[position]!;
    if (byte === GT) return position;
    if (byte === QUOTE || byte === APOSTROPHE) {
      position = bytes.indexOf(byte, position + 1);
      if (position === -1) return INCOMPLETE;
    } else if (byte === LT) return UNEXPECTED;
  }
  return INCOMPLETE;
}

/** After a comment, CDATA section or processing instruction starting at `lt`. */
function declarationEnd(bytes: Buffer, lt: number): number {
  const [opener, terminator] = DECLARATIONS.find(([start]) => startsWith(bytes, lt, start)) ?? [null, null];
  if (opener === null) return bytes.length - lt < LONGEST_OPENER ? INCOMPLETE : UNEXPECTED;
  const end = bytes.indexOf(terminator, lt + opener.length, 'latin1');
  return end === -1 ? INCOMPLETE : end + terminator.length;
}

const DECLARATIONS: [string, string][] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
];
const LONGEST_OPENER = '<![CDATA['.length;

function startsWith(bytes: Buffer, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let index = 0; index < text.length; index++) {
    if (bytes[at + index] !== text.charCodeAt(index)) return false;
  }
  return true;
}

function sameBytes(bytes: Buffer, start: number, end: number, name: Buffer): boolean {
  if (end - start !== name.length) return false;
  for (let index = 0; index < name.length; index++) {
    if (bytes[start + index] !== name[index]) return false;
  }
  return true;
}

function sameName(bytes: Buffer, at: number, nameStart: number, nameLength: number): boolean {
  for (let index = 0; index < nameLength; index++) {
    if (bytes[at + index] !== bytes[nameStart + index]) return false;
  }
  return true;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;
}

function endsName(byte: number): boolean {
  return byte <= 0x20 || byte === SLASH || byte === GT;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
/** The markup does not end within the bytes: more are needed. */
const INCOMPLETE = -1;
/** Not markup this reads (a DOCTYPE, a `<` in a start tag): left to the XML parser. */
const UNEXPECTED = -2;

/** `subtreeEnd`: the subtree holds an element the walker reads. */
const HOLDS_READ = -3;

/** Kept bytes are handed on in pieces of this size at most (`TEXT_PIECE_BYTES` in ableton-project.ts says why). */
const OUTPUT_BYTES = 32 * 1024;
/** An element still open after this many bytes is passed on unfiltered: memory stays bounded. */
const MAX_PENDING_BYTES = 16 * 1024 * 1024;
