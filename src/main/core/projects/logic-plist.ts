import { parseBuffer } from 'bplist-parser';
import { SaxesParser } from 'saxes';
import { checkBinaryPlist } from './logic-bplist-check';

/** A property list value. Binary plists may also hold keyed-archiver UIDs; readers ignore what they do not expect. */
export type PlistValue =
  string | number | bigint | boolean | Date | Buffer | null | PlistValue[] | { [key: string]: PlistValue };

export type PlistDict = { [key: string]: PlistValue };

/**
 * Reads a property list, binary (`bplist00`, what Logic and GarageBand write) or XML (what
 * `plutil -convert xml1` and older tools leave). Throws an Error with the reason when the bytes are
 * neither, or are cut short or damaged.
 */
export function readPlist(bytes: Buffer): PlistValue {
  if (bytes.subarray(0, 6).toString('latin1') === 'bplist') {
    checkBinaryPlist(bytes);
    return parseBuffer<PlistValue>(bytes)[0];
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*<(\?xml|!DOCTYPE plist|plist)/.test(text)) return readXmlPlist(text);
  throw new Error('not a property list (neither binary nor XML)');
}

/** The top-level dictionary of a plist, or an Error with the reason. */
export function readPlistDict(bytes: Buffer): PlistDict {
  const value = readPlist(bytes);
  if (!isDict(value)) throw new Error('the property list does not hold a dictionary');
  return value;
}

export function isDict(value: PlistValue | undefined): value is PlistDict {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !Buffer.isBuffer(value) &&
    !(value instanceof Date)
  );
}

const MAX_XML_DEPTH = 64;
const SCALARS = new Set(['key', 'string', 'integer', 'real', 'date', 'data']);

type Container = { array: PlistValue[] } | { dict: PlistDict; key: string | null };

/** Apple's XML plist (`<plist><dict><key>…</key><string>…</string>…`), streamed with saxes. */
function readXmlPlist(text: string): PlistValue {
  const parser = new SaxesParser();
  const stack: Container[] = [];
  let root: PlistValue | undefined;
  let scalar: { name: string; text: string } | null = null;

  const place = (value: PlistValue): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (root !== undefined) throw new Error('more than one top-level value');
      root = value;
    } else if ('array' in parent) parent.array.push(value);
    else {
      if (parent.key === null) throw new Error('a dictionary value without its <key>');
      parent.dict[parent.key] = value;
      parent.key = null;
    }
  };

  parser.on('opentag', (tag) => {
    if (scalar) throw new Error(`<${tag.name}> inside <${scalar.name}>`);
    if (SCALARS.has(tag.name)) scalar = { name: tag.name, text: '' };
    else if (tag.name === 'dict' || tag.name === 'array') {
      if (stack.length >= MAX_XML_DEPTH) throw new Error('nested too deeply');
      const container: Container = tag.name === 'dict' ? { dict: {}, key: null } : { array: [] };
      place('dict' in container ? container.dict : container.array);
      stack.push(container);
    } else if (tag.name === 'true' || tag.name === 'false') place(tag.name === 'true');
    else if (tag.name !== 'plist') throw new Error(`unknown element <${tag.name}>`);
  });
  parser.on('text', (chunk) => {
    if (scalar) scalar.text += chunk;
  });
  parser.on('cdata', (chunk) => {
    if (scalar) scalar.text += chunk;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'dict' || tag.name === 'array') stack.pop();
    else if (scalar && tag.name === scalar.name) {
      const { name, text: content } = scalar;
      scalar = null;
      if (name === 'key') {
        const parent = stack[stack.length - 1];
        if (!parent || !('dict' in parent)) throw new Error('a <key> outside a dictionary');
        parent.key = content;
      } else place(scalarValue(name, content));
    }
  });

  try {
    parser.write(text).close();
  } catch (error) {
    throw new Error(`the XML property list is not readable: ${(error as Error).message}`, { cause: error });
  }
  if (root === undefined) throw new Error('the XML property list is empty');
  return root;
}

function scalarValue(name: string, text: string): PlistValue {
  switch (name) {
    case 'integer': {
      const value = Number(text.trim());
      if (!Number.isInteger(value)) throw new Error(`<integer>${text}</integer> is not an integer`);
      return value;
    }
    case 'real': {
      const value = Number(text.trim());
      if (Number.isNaN(value)) throw new Error(`<real>${text}</real> is not a number`);
      return value;
    }
    case 'date': {
      const value = new Date(text.trim());
      if (Number.isNaN(value.getTime())) throw new Error(`<date>${text}</date> is not a date`);
      return value;
    }
    case 'data':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64');
    default:
      return text;
  }
}
