import { performance } from 'node:perf_hooks';

export interface Summary {
  iterations: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
}

/** Linear-interpolated percentile (p in 0–100) of samples; the input need not be sorted. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function summarize(samples: readonly number[]): Summary {
  return {
    iterations: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    mean: samples.reduce((sum, value) => sum + value, 0) / (samples.length || 1),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** Runs `work` once and returns its result with the elapsed milliseconds. */
export function timeOnce<T>(work: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = work();
  return { result, ms: performance.now() - start };
}

export interface MeasureOptions {
  iterations: number;
  /** Untimed runs first (statement preparation, JIT); they get negative indexes. */
  warmup?: number;
  /** Untimed work before each timed call (e.g. a write, so nothing remembered helps the next call). */
  prepare?: (iteration: number) => void;
}

/**
 * Times `work(i)` for i = 0 … iterations-1, each call on its own, and summarises in milliseconds.
 * Pass `i` into the work to vary its inputs so no cache flatters the figure.
 */
export function measure(work: (iteration: number) => unknown, options: MeasureOptions): Summary {
  const warmup = options.warmup ?? Math.min(10, options.iterations);
  for (let i = 0; i < warmup; i++) work(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    options.prepare?.(i);
    const start = performance.now();
    work(i);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Renders rows as a fixed-width text table; numbers should already be formatted. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
