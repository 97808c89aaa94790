import { Collection, CollectionQuery } from '../api/schemas/collection-schemas';
import { Preview, PreviewInfo, Session } from '../api/schemas/session-schemas';

/** A JSON Schema as MCP carries it: plain JSON, every `$ref` already inlined. */
export type JsonSchema = { [key: string]: unknown };
/** Tools' arguments and structured results are JSON objects (MCP requires `type: "object"`). */
export type ObjectSchema = JsonSchema & { type: 'object'; properties: Record<string, JsonSchema> };

/** The API's shared schemas that its route schemas refer to by `$ref` (create-api.ts addSchema). */
const SHARED: Record<string, unknown> = { Session, Preview, PreviewInfo, Collection, CollectionQuery };

/**
 * The Local API's TypeBox schemas are the one description of every field; MCP clients get them
 * with each `$ref` replaced by what it names (an MCP tool schema stands alone), without `$id`, and
 * without `pattern`: the patterns spell out in regular expressions (case-insensitive kinds, trimmed
 * lengths, absolute paths) rules each description states in words and each service enforces with a
 * clear message, and they were ~7 KB of every `tools/list` a model has to read.
 */
export function standalone(schema: unknown): JsonSchema {
  return inline(schema) as JsonSchema;
}

function inline(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inline);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    const target = SHARED[record.$ref];
    if (!target) throw new Error(`MCP schema: no shared schema named ${record.$ref}`);
    return inline(target);
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    if (key === '$id' || (key === 'pattern' && typeof item === 'string')) continue;
    copy[key] = inline(item);
  }
  return Array.isArray(copy.type) ? typeUnionAsAnyOf(copy) : copy;
}

/** What describes a value as a whole, kept beside `anyOf`; every other keyword constrains a branch. */
const ANNOTATIONS = new Set(['description', 'title', 'default', 'examples']);

/**
 * `{"type": ["string", "null"], …}` as `anyOf` of one branch per type: the same values, in the form
 * every MCP client's validator and every model's tool-schema reader accepts (the MCP Inspector
 * flags type arrays as not portable).
 */
function typeUnionAsAnyOf(schema: Record<string, unknown>): Record<string, unknown> {
  const outer: Record<string, unknown> = {};
  const constraints: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(schema)) {
    if (key === 'type') continue;
    (ANNOTATIONS.has(key) ? outer : constraints)[key] = item;
  }
  const anyOf = (schema.type as string[]).map((type) =>
    type === 'null' ? { type } : { type, ...constraints },
  );
  return { ...outer, anyOf };
}

/** An object schema from named properties (each a schema), `required` listing the mandatory ones. */
export function objectOf(
  properties: Record<string, unknown>,
  required: readonly string[] = [],
  extra: JsonSchema = {},
): ObjectSchema {
  const inlined: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(properties)) inlined[name] = standalone(schema);
  return {
    type: 'object',
    properties: inlined,
    ...(required.length > 0 && { required: [...required] }),
    additionalProperties: false,
    ...extra,
  };
}

/** The properties of a TypeBox object schema (a body), to merge with a tool's own (an id). */
export function propertiesOf(schema: { properties: Record<string, unknown> }): Record<string, unknown> {
  return schema.properties;
}
