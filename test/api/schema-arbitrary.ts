// A small JSON-Schema-to-fast-check generator for the Local API's write bodies, driven by the
// published schema's own keywords (type, enum, pattern, minLength/maxLength, minimum/maximum,
// minItems/maxItems, required, additionalProperties), plus near-misses: one value of a valid body
// swapped for something the schema may refuse. Whether a generated body is valid is never guessed
// here: schemaJudge applies the same schema's keywords.
import fc from 'fast-check';
import { ABSOLUTE_PATH_PATTERN } from '../../src/shared/validation/json-schema';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Schema = any;

/** The schema with every `$ref` to `#/components/schemas/…` replaced by its target. */
export function inlineRefs(schema: Schema, components: Record<string, Schema>): Schema {
  if (Array.isArray(schema)) return schema.map((item) => inlineRefs(item, components));
  if (schema === null || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return inlineRefs(components[name], components);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id') continue;
    out[key] = inlineRefs(value, components);
  }
  return out;
}

/** Keywords that constrain a value; schemaJudge implements exactly these and refuses any other. */
const CONSTRAINTS = new Set([
  'type',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
]);
const ANNOTATIONS = new Set(['description', 'default', 'examples', 'title', 'format']);

/**
 * JSON Schema's verdict on a value, for the keywords the write bodies use (lengths in code points,
 * patterns as ECMA-262 with the `u` flag, as JSON Schema defines them). Any other keyword throws,
 * so a schema can never gain a rule this judge silently ignores.
 */
export function schemaJudge(schema: Schema): (value: unknown) => boolean {
  for (const key of Object.keys(schema)) {
    if (!CONSTRAINTS.has(key) && !ANNOTATIONS.has(key))
      throw new Error(`schemaJudge: unsupported keyword ${key}`);
  }
  const children = {
    items: schema.items ? schemaJudge(schema.items) : null,
    properties: Object.fromEntries(
      Object.entries<Schema>(schema.properties ?? {}).map(([key, sub]) => [key, schemaJudge(sub)]),
    ),
    pattern: typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : null,
  };
  return (value) => {
    const types: string[] | null = schema.type ? [schema.type].flat() : null;
    if (types && !types.some((type) => hasType(value, type))) return false;
    if (schema.enum && !schema.enum.some((item: unknown) => item === value)) return false;
    if (typeof value === 'string') {
      const length = [...value].length;
      if (length < (schema.minLength ?? 0) || length > (schema.maxLength ?? Infinity)) return false;
      if (children.pattern && !children.pattern.test(value)) return false;
    }
    if (typeof value === 'number') {
      if (value < (schema.minimum ?? -Infinity) || value > (schema.maximum ?? Infinity)) return false;
    }
    if (Array.isArray(value)) {
      if (value.length < (schema.minItems ?? 0) || value.length > (schema.maxItems ?? Infinity)) return false;
      if (children.items && !value.every(children.items)) return false;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length < (schema.minProperties ?? 0)) return false;
      if ((schema.required ?? []).some((key: string) => !keys.includes(key))) return false;
      for (const key of keys) {
        // Own keys only: a body key such as `valueOf` must not find Object.prototype's method.
        const judge = Object.hasOwn(children.properties, key) ? children.properties[key] : undefined;
        if (judge ? !judge(record[key]) : schema.additionalProperties === false) return false;
      }
    }
    return true;
  };
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

const ALPHABET = ['a', 'Z', '7', 'é', 'ß', '😀', '-', '_', '.', '/', ' '];
/** NFC-stable characters with no whitespace runs: NFC and whitespace collapsing are described, not schema'd. */
const plainChar = fc.constantFrom(...ALPHABET);

function stringOf(schema: Schema): fc.Arbitrary<string> {
  if (schema.pattern === ABSOLUTE_PATH_PATTERN) {
    const segment = fc.oneof(
      fc.array(plainChar, { minLength: 0, maxLength: 8 }).map((c) => c.join('')),
      fc.constantFrom('..', '.', '..\\x', 'x..', ' .. '),
    );
    return fc
      .tuple(
        fc.constantFrom('/', 'C:\\', 'd:/', '\\\\server\\', ' /', 'rel/'),
        fc.array(segment, { maxLength: 4 }),
      )
      .map(([root, segments]) => root + segments.join(root.includes('\\') ? '\\' : '/'));
  }
  if (typeof schema.pattern === 'string') {
    const regex = new RegExp(schema.pattern, 'u');
    // Values that fit the pattern: mostly from our alphabet, cut or padded near the limits.
    const lengths = [...schema.pattern.matchAll(/\{0,(\d+)\}/g)].map((m) => Number(m[1]) + 2);
    const max = Math.min(lengths[0] ?? 60, 4100);
    return fc
      .oneof(
        fc.array(plainChar, { minLength: 1, maxLength: 12 }).map((chars) => chars.join('')),
        fc.integer({ min: Math.max(1, max - 2), max: max + 1 }).map((n) => 'x'.repeat(n)),
        fc.stringMatching(regex).filter((s) => s.length < 300),
      )
      .filter((s) => s === s.normalize('NFC') && !/\s\s/.test(s.trim()));
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, 3000);
  return fc.oneof(
    fc.array(plainChar, { minLength: min, maxLength: Math.min(max, 30) }).map((c) => c.join('')),
    fc.constantFrom(min, max, max + 1).map((n) => 'y'.repeat(Math.max(0, n))),
  );
}

/** Values the schema describes (and, at the limits, just past them). */
export function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return fc.jsonValue();
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'null':
          return fc.constant(null);
        case 'boolean':
          return fc.boolean();
        case 'integer':
          return fc.integer({ min: (schema.minimum ?? -10) - 1, max: (schema.maximum ?? 1e6) + 1 });
        case 'number':
          return fc.double({ min: -5, max: 1e6, noNaN: true, noDefaultInfinity: true });
        case 'string':
          return stringOf(schema);
        case 'array':
          return fc.array(arbitraryOf(schema.items ?? {}), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 4, 4),
          });
        case 'object': {
          const properties: Record<string, Schema> = schema.properties ?? {};
          const record: Record<string, fc.Arbitrary<unknown>> = {};
          for (const [key, property] of Object.entries(properties)) record[key] = arbitraryOf(property);
          return fc.record(record, { requiredKeys: schema.required ?? [] });
        }
        default:
          return fc.jsonValue();
      }
    }),
  );
}

/** Something a field might be given instead of its value. */
const nearMissValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1.5,
    '',
    ' ',
    'x\u0001y',
    '\u007f',
    'relative/path.als',
    '/a/../b.als',
    'C:\\x\\..\\y.als',
    '/ok/path.als',
    'ABLETON',
    'logic pro',
    'Done',
    'x'.repeat(201),
    'x'.repeat(2001),
    [],
    ['x'],
    {},
  ),
  fc.array(fc.constantFrom('a', 'A', ' a ', '', 'x\u0002'), { maxLength: 40 }),
);

/** A valid-looking body with one thing changed: a field's value swapped, a field added or removed. */
export function nearMissOf(schema: Schema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  return fc
    .tuple(arbitraryOf(schema), fc.constantFrom(...keys, '__unknown'), nearMissValue, fc.boolean())
    .map(([body, key, value, remove]) => {
      const copy = { ...(body as Record<string, unknown>) };
      if (key === '__unknown') copy.unknownField = value;
      else if (remove) delete copy[key];
      else copy[key] = value;
      return copy;
    });
}
