/** Audio files SessionDock can attach as previews, with the MIME type served for each. */
export const AUDIO_MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.wav': 'audio/wav',
  // Broadcast WAV: a WAV with a `bext` chunk, decoded and played as one.
  '.bwf': 'audio/wav',
  '.aif': 'audio/aiff',
  '.aiff': 'audio/aiff',
  '.flac': 'audio/flac',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
};

/** The extensions as error messages and docs list them: ".wav, .bwf, .aif, …". */
export const AUDIO_EXTENSIONS_TEXT = Object.keys(AUDIO_MIME_BY_EXTENSION).join(', ');

export function audioMimeForPath(path: string): string | null {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? null : (AUDIO_MIME_BY_EXTENSION[path.slice(dot).toLowerCase()] ?? null);
}
