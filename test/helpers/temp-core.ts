import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ErrorCode } from '../../src/shared/errors';
import { AppError } from '../../src/shared/errors';
import type { Clock } from '../../src/main/core/clock';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core';
import type { CoreEvent } from '../../src/main/core/events';

export const DEFAULT_START = '2025-03-01T12:00:00.000Z';

/**
 * A clock tests control: every `now()` returns the current instant and then moves it forward by
 * `step` milliseconds (1 by default), so consecutive calls never tie unless a test asks for it.
 */
export class FakeClock implements Clock {
  private current: number;

  constructor(
    start: Date | string | number = DEFAULT_START,
    public step = 1,
  ) {
    this.current = toMillis(start);
  }

  now(): Date {
    const value = new Date(this.current);
    this.current += this.step;
    return value;
  }

  /** The instant the next `now()` will return. */
  peek(): Date {
    return new Date(this.current);
  }

  /** Makes the next `now()` return exactly `time`. */
  set(time: Date | string | number): void {
    this.current = toMillis(time);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

function toMillis(time: Date | string | number): number {
  const ms = time instanceof Date ? time.getTime() : typeof time === 'string' ? Date.parse(time) : time;
  if (!Number.isFinite(ms)) throw new Error(`FakeClock: invalid time ${String(time)}`);
  return ms;
}

export interface TempCore {
  core: Core;
  dir: string;
  clock: FakeClock;
  /** Closes the core and removes the temp folder; safe to call twice. */
  cleanup(): void;
}

export interface TempCoreOptions extends Omit<CoreOptions, 'dataDir' | 'clock'> {
  start?: Date | string | number;
  step?: number;
}

/** A core on a real SQLite file in a fresh temp folder, with a FakeClock. */
export function createTempCore(options: TempCoreOptions = {}): TempCore {
  const { start, step, ...coreOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'sessiondock-test-'));
  const clock = new FakeClock(start ?? DEFAULT_START, step ?? 1);
  let core: Core;
  try {
    // No automatic backup 20 s in unless a test asks: a long test would copy its library in a child.
    core = createCore({ automaticBackups: null, ...coreOptions, dataDir: dir, clock });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let cleaned = false;
  return {
    core,
    dir,
    clock,
    cleanup() {
      if (cleaned) return;
      cleaned = true;
      try {
        core.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Collects every event the core emits until `stop()`. */
export function recordEvents(core: Core): { events: CoreEvent[]; clear(): void; stop(): void } {
  const events: CoreEvent[] = [];
  const stop = core.events.subscribe((event) => {
    events.push(event);
  });
  return {
    events,
    clear: () => {
      events.length = 0;
    },
    stop: () => {
      stop();
    },
  };
}

export function countRows(core: Core, table: string): number {
  return (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Every row of the tables a session write may touch, to prove a refused write changed nothing. */
export function snapshotSessionTables(core: Core): Record<string, string[]> {
  const tables = ['sessions', 'session_tags', 'tags', 'previews', 'waveform_notes'];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      core.db
        .prepare(`SELECT * FROM ${table}`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

/**
 * Runs `fn`, expects it to throw an AppError with `code` (and a message matching `message`,
 * when given), and returns the error.
 */
export function expectAppError(fn: () => unknown, code: ErrorCode, message?: string | RegExp): AppError {
  let thrown: unknown;
  let returned: unknown;
  try {
    returned = fn();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) {
    throw new Error(`expected AppError ${code}, but the call returned ${JSON.stringify(returned)}`);
  }
  expect(thrown).toBeInstanceOf(AppError);
  const error = thrown as AppError;
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toContain(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

/** ISO-8601 UTC with milliseconds and `Z`, as `Date#toISOString` writes it. */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
