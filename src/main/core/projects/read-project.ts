import { statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProjectMetadata, ProjectSample, ProjectStatus } from './project-metadata';
import { fileSource, UnsupportedProjectError, type ProjectReading } from './project-source';
import { readerForProject } from './project-readers';
import { formatKey, parseKey } from '../../../shared/musical-key';
import { resolveSample } from './resolve-sample';

/** One read of a project file: what it says, or why nothing could be read. */
export interface ProjectReadOutcome {
  status: Exclude<ProjectStatus, 'pending'>;
  /** Why the status is not `ready` (null when it is). */
  message: string | null;
  metadata: ProjectMetadata | null;
}

/**
 * Lists are capped so one pathological project cannot bloat the library: a REAPER template with
 * 120 tracks is normal, 1,000 is not. Samples are capped where they are stored, after counting.
 */
export const LIST_CAPS = { tracks: 1_000, plugins: 1_000, samples: 5_000 } as const;

/**
 * Reads the project at `path` (a file or a bundle folder) with its format's reader and finds its
 * samples on this disk. Total: every failure becomes a status with a message, never a throw, so
 * one bad file never stops a batch. Read only: the readers get a source that cannot write.
 */
export function readProjectAt(path: string, exists?: (path: string) => boolean): ProjectReadOutcome {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return failed('missing', 'The project file is missing: it was moved or deleted.');
  }
  const source = fileSource(path);
  const reader = readerForProject(path, stats.isDirectory(), source);
  if (reader === null) {
    return failed('unsupported', 'SessionDock cannot read this kind of project file.');
  }
  let reading: ProjectReading;
  try {
    reading = reader(source);
  } catch (error) {
    if (error instanceof UnsupportedProjectError) return failed('unsupported', error.message);
    const reason = error instanceof Error ? error.message : String(error);
    return failed('unreadable', `The project file cannot be read: ${reason}`);
  }
  return { status: 'ready', message: null, metadata: toMetadata(reading, path, stats.isDirectory(), exists) };
}

function failed(status: ProjectReadOutcome['status'], message: string): ProjectReadOutcome {
  return { status, message, metadata: null };
}

/** The reader's output as stored: samples resolved, key spelled one way, numbers sane, lists capped. */
export function toMetadata(
  reading: ProjectReading,
  path: string,
  isBundle: boolean,
  exists?: (path: string) => boolean,
): ProjectMetadata {
  const projectDir = isBundle ? path : dirname(path);
  const sampleDir = reading.sampleBase ? join(projectDir, ...reading.sampleBase.split('/')) : projectDir;
  const samples: ProjectSample[] = [];
  for (const entry of reading.embeddedSamples ?? []) {
    samples.push({ storedPath: entry, resolvedPath: join(path, ...entry.split('/')), exists: true });
  }
  for (const stored of reading.samplePaths) {
    samples.push(resolveSample(stored, sampleDir, exists));
    // A path relative to a sub-folder that is not there may still sit beside the project.
    const last = samples[samples.length - 1]!;
    if (!last.exists && sampleDir !== projectDir) {
      const beside = resolveSample(stored, projectDir, exists);
      if (beside.exists) samples[samples.length - 1] = beside;
    }
  }
  const key = reading.key === null ? null : parseKey(reading.key);
  return {
    dawVersion: cleanText(reading.dawVersion),
    tempo: positive(reading.tempo),
    timeSignature: cleanText(reading.timeSignature),
    key: key === null ? cleanText(reading.key) : formatKey(key),
    sampleRate: positive(reading.sampleRate),
    trackCount: Math.max(reading.trackCount, reading.tracks.length),
    tracks: reading.tracks.slice(0, LIST_CAPS.tracks),
    plugins: [...reading.plugins]
      .sort((a, b) => b.instances - a.instances || a.name.localeCompare(b.name))
      .slice(0, LIST_CAPS.plugins),
    samples,
    savedAt: reading.savedAt,
  };
}

function positive(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && value > 0 ? value : null;
}

function cleanText(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
