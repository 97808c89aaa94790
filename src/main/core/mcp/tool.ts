import { invalidInput } from '../../../shared/errors';
import { describeType, isPlainObject } from '../../../shared/validation/text';
import type { ObjectSchema } from './json-schema';

/** What MCP clients are told of a tool's effects (MCP ToolAnnotations): hints, not guarantees. */
export interface ToolEffects {
  /** Only for writes: may remove or overwrite what the user had (delete, replace a list). */
  destructive: boolean;
  /** Only for writes: calling it again with the same arguments changes nothing more. */
  idempotent: boolean;
}

/**
 * One MCP tool: a thin call into a core service, like a Local API route. `write` tools are listed
 * and run only in Full Automation; the rest are reads. `run` returns the structured result (a JSON
 * object) and `summary` the short text that goes with it.
 */
export interface McpTool<Result extends object = object> {
  name: string;
  title: string;
  description: string;
  input: ObjectSchema;
  output: ObjectSchema;
  write: boolean;
  effects?: ToolEffects;
  run(args: Record<string, unknown>): Result | Promise<Result>;
  summary(result: Result): string;
}

/** Declares a tool while keeping its result type between `run` and `summary`. */
export function tool<Result extends object>(spec: McpTool<Result>): McpTool {
  return spec as unknown as McpTool;
}

/**
 * Splits a tool's arguments into its own (ids, addressing what it acts on) and the rest, which
 * the service judges as a request body with the same messages as the Local API.
 */
export function takeArgs(
  args: Record<string, unknown>,
  own: readonly string[],
): { own: Record<string, unknown>; rest: Record<string, unknown> } {
  const mine: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) (own.includes(key) ? mine : rest)[key] = value;
  return { own: mine, rest };
}

/** Refuses arguments a tool does not take, so a typo never silently widens or skips an action. */
export function onlyArgs(args: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(args).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw invalidInput(`unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
}

/** A required id argument: a non-empty string (whether it names something is the service's call). */
export function requireId(args: Record<string, unknown>, name: string, what: string): string {
  const value = args[name];
  if (value === undefined) throw invalidInput(`${name} is required: ${what}`);
  if (typeof value !== 'string' || value === '')
    throw invalidInput(
      `${name} must be ${what} (got ${value === '' ? 'an empty string' : describeType(value)})`,
    );
  return value;
}

/** MCP arguments arrive as a JSON object, or absent for a tool without arguments. */
export function argumentsOf(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw invalidInput(`arguments must be an object (got ${describeType(value)})`);
  return value;
}
