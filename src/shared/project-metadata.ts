/**
 * What SessionDock reads from a project file (issue 12). Read only: a reader never writes a byte.
 * Fields a format does not record are null (or empty lists), never guessed.
 */
export type TrackType = 'audio' | 'midi' | 'instrument' | 'group' | 'return' | 'master' | 'other';
export type PluginFormat = 'VST' | 'VST3' | 'AU' | 'CLAP' | 'AAX' | 'JS' | 'built-in';

export interface ProjectTrack {
  name: string;
  type: TrackType;
}

export interface ProjectPlugin {
  name: string;
  vendor: string | null;
  format: PluginFormat;
  /** How many instances the project uses. */
  instances: number;
}

export interface ProjectSample {
  /** The path exactly as the project stores it. */
  storedPath: string;
  /** Where it is on this disk (the first candidate that exists, else the likeliest one). */
  resolvedPath: string;
  exists: boolean;
}

export interface ProjectMetadata {
  /** The saving application and version as the file says it ("REAPER 6.69"). */
  dawVersion: string | null;
  tempo: number | null;
  timeSignature: string | null;
  key: string | null;
  sampleRate: number | null;
  trackCount: number;
  tracks: ProjectTrack[];
  plugins: ProjectPlugin[];
  samples: ProjectSample[];
  /** ISO time, where the file says when it was saved. */
  savedAt: string | null;
}

/** Where a session's project stands: read, not read yet, or why it cannot be read. */
export type ProjectStatus = 'ready' | 'pending' | 'unreadable' | 'unsupported' | 'missing';
export const PROJECT_STATUSES: readonly ProjectStatus[] = [
  'ready',
  'pending',
  'unreadable',
  'unsupported',
  'missing',
];

/** `GET /sessions/{id}/project` and the detail panel's Project section. */
export interface ProjectView extends ProjectMetadata {
  sessionId: string;
  /** The project path the metadata was read from (the session's), or null when it has none. */
  projectPath: string | null;
  status: ProjectStatus;
  /** Why the status is not `ready`; null when it is. */
  message: string | null;
  /** When SessionDock last read the file (ISO), or null. */
  readAt: string | null;
  /** How many samples the project references (the list may be capped, this count is not). */
  sampleCount: number;
  missingSampleCount: number;
}

/** What the list and grid show for a session's project. */
export interface ProjectSummary {
  status: ProjectStatus;
  dawVersion: string | null;
  tempo: number | null;
  missingSampleCount: number;
}

/** `GET /plugins` and the sidebar's Plugins section: sessions using each plugin, most used first. */
export interface PluginUsage {
  name: string;
  vendor: string | null;
  format: PluginFormat;
  sessions: number;
}
