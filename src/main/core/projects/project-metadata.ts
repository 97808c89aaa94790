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
