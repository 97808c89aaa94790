import { statSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import type { Waveform } from '../../../shared/domain';
import { AppError, invalidInput } from '../../../shared/errors';
import { DEFAULT_POINTS, MAX_POINTS, MIN_POINTS, type PeaksResult } from '../audio/types';
import { UnreadableAudioError } from '../audio/errors';
import type { Clock } from '../clock';
import type { PreviewsService } from '../previews/previews-service';

/** Computes peaks off the main thread (the worker pool in production, anything in tests). */
export interface PeaksSource {
  peaks(path: string, points: number): Promise<PeaksResult>;
}

/** Peaks are computed once per file at this resolution and bucketed down for smaller requests. */
const CACHED_POINTS = MAX_POINTS;

interface CacheRow {
  size: number;
  mtime_ms: number;
  duration_seconds: number;
  sample_rate: number;
  channels: number;
  points: number;
  peaks: Buffer;
}

/**
 * A preview's waveform: min/max peaks mixed to mono, computed once per audio file (keyed by path,
 * size and modification time) and cached in the library; a changed file is recomputed. A file
 * that cannot be decoded marks its preview `unreadable` (a vanished one `missing`) and answers
 * 422 preview_unreadable.
 */
export class WaveformService {
  private readonly statements: Record<'get' | 'put', Statement>;
  /** One computation per file at a time, however many requests ask for it. */
  private readonly inFlight = new Map<string, Promise<PeaksResult>>();

  constructor(
    db: Database,
    private readonly previews: PreviewsService,
    private readonly source: PeaksSource | null,
    private readonly clock: Clock,
  ) {
    this.statements = {
      get: db.prepare('SELECT * FROM waveform_cache WHERE path = ?'),
      put: db.prepare(
        `INSERT INTO waveform_cache (path, size, mtime_ms, duration_seconds, sample_rate, channels, points, peaks, computed_at)
         VALUES (@path, @size, @mtimeMs, @durationSeconds, @sampleRate, @channels, @points, @peaks, @computedAt)
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
           duration_seconds = excluded.duration_seconds, sample_rate = excluded.sample_rate,
           channels = excluded.channels, points = excluded.points, peaks = excluded.peaks,
           computed_at = excluded.computed_at`,
      ),
    };
  }

  async waveform(sessionId: unknown, variantId: unknown, pointsParam: unknown): Promise<Waveform> {
    const points = parsePoints(pointsParam);
    const preview = this.previews.resolve(sessionId, variantId);
    const file = statOrNull(preview.path);
    if (!file) {
      this.previews.markStatus(preview.id, 'missing');
      throw new AppError('preview_unreadable', 'The preview file is missing: it was moved or deleted.');
    }
    let cached = this.statements.get.get(preview.path) as CacheRow | undefined;
    if (!cached || cached.size !== file.size || cached.mtime_ms !== file.mtimeMs) {
      const result = await this.compute(preview.id, preview.path);
      cached = {
        size: file.size,
        mtime_ms: file.mtimeMs,
        duration_seconds: result.durationSeconds,
        sample_rate: result.sampleRate,
        channels: result.channels,
        points: result.points,
        peaks: Buffer.from(result.peaks.buffer, result.peaks.byteOffset, result.peaks.byteLength),
      };
      this.statements.put.run({
        path: preview.path,
        size: file.size,
        mtimeMs: file.mtimeMs,
        durationSeconds: result.durationSeconds,
        sampleRate: result.sampleRate,
        channels: result.channels,
        points: result.points,
        peaks: cached.peaks,
        computedAt: this.clock.now().toISOString(),
      });
      if (preview.status !== 'ready') this.previews.markStatus(preview.id, 'ready');
    }
    const base = new Float32Array(
      cached.peaks.buffer.slice(cached.peaks.byteOffset, cached.peaks.byteOffset + cached.peaks.byteLength),
    );
    const peaks = downsamplePeaks(base, Math.min(points, cached.points));
    return {
      sessionId: sessionId as string,
      variantId: preview.id,
      durationSeconds: cached.duration_seconds,
      sampleRate: cached.sample_rate,
      channels: cached.channels,
      points: peaks.length / 2,
      peaks: Array.from(peaks, (value) => Math.round(value * 10_000) / 10_000),
    };
  }

  /** Computes and caches a preview's peaks ahead of time (imports); a bad file only marks it. */
  async precompute(sessionId: string, previewId: string): Promise<void> {
    try {
      await this.waveform(sessionId, previewId, undefined);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }

  private async compute(previewId: string, path: string): Promise<PeaksResult> {
    if (!this.source) throw new AppError('preview_unreadable', 'Waveforms are not available in this build.');
    let pending = this.inFlight.get(path);
    if (!pending) {
      pending = this.source.peaks(path, CACHED_POINTS).finally(() => this.inFlight.delete(path));
      this.inFlight.set(path, pending);
    }
    try {
      return await pending;
    } catch (error) {
      if (error instanceof UnreadableAudioError) {
        this.previews.markStatus(previewId, error.reason === 'missing' ? 'missing' : 'unreadable');
        throw new AppError('preview_unreadable', `The preview cannot be decoded: ${error.message}`);
      }
      throw error;
    }
  }
}

/** Min/max pairs bucketed down to `points` pairs: each bucket keeps its extremes. */
export function downsamplePeaks(base: Float32Array, points: number): Float32Array {
  const basePoints = base.length / 2;
  if (points >= basePoints) return base;
  const out = new Float32Array(points * 2);
  for (let j = 0; j < points; j++) {
    const from = Math.floor((j * basePoints) / points);
    const to = Math.max(from + 1, Math.floor(((j + 1) * basePoints) / points));
    let min = Infinity;
    let max = -Infinity;
    for (let i = from; i < to; i++) {
      min = Math.min(min, base[2 * i]!);
      max = Math.max(max, base[2 * i + 1]!);
    }
    out[2 * j] = min;
    out[2 * j + 1] = max;
  }
  return out;
}

function parsePoints(value: unknown): number {
  if (value === undefined || value === '') return DEFAULT_POINTS;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < MIN_POINTS || number > MAX_POINTS) {
    throw invalidInput(
      `points must be an integer between ${MIN_POINTS} and ${MAX_POINTS.toLocaleString('en-US')}`,
    );
  }
  return number;
}

function statOrNull(path: string): { size: number; mtimeMs: number } | null {
  try {
    const stats = statSync(path);
    return stats.isFile() ? { size: stats.size, mtimeMs: stats.mtimeMs } : null;
  } catch {
    return null;
  }
}
