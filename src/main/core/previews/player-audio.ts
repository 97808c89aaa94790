import { AUDIO_MIME_BY_EXTENSION } from '../../../shared/audio';
import { openAiffAsWav, type AiffAsWavResponse } from './aiff-as-wav';
import { openAudioRange, type AudioRangeResponse } from './audio-range';

const AIFF_MIME = AUDIO_MIME_BY_EXTENSION['.aif'];

/**
 * A preview's audio as the window's player gets it, with Range. Chromium cannot play AIFF
 * (electron#22940), so an AIFF the converter can map sample for sample is served as WAV; anything
 * else (and a compressed or damaged AIFF) as the file's own bytes. Only the window converts: the
 * Local API serves every file as it is.
 */
export async function openPlayerAudio(
  preview: { path: string; mime: string | null },
  rangeHeader: string | undefined,
): Promise<AudioRangeResponse | AiffAsWavResponse> {
  const converted = preview.mime === AIFF_MIME ? await openAiffAsWav(preview.path, rangeHeader) : null;
  return converted ?? openAudioRange(preview.path, preview.mime ?? 'application/octet-stream', rangeHeader);
}
