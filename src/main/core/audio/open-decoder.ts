import { AudioFile, DEFAULT_CHUNK_BYTES } from './audio-file';
import { readAiffLayout } from './aiff-header';
import { openFlacDecoder } from './flac-decoder';
import { openMp3Decoder } from './mp3-decoder';
import { PcmDecoder } from './pcm-decoder';
import { sniffFormat } from './sniff';
import type { AudioDecoder } from './types';
import { readWavLayout } from './wav-header';

/**
 * Opens `path` read-only, recognises its format by its bytes and returns the decoder for it. Throws
 * UnreadableAudioError (missing, empty, unknown format, malformed header…); the caller must
 * `close()` the decoder it gets.
 */
export async function openDecoder(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<AudioDecoder> {
  const file = await AudioFile.open(path);
  try {
    const sniffed = await sniffFormat(file);
    switch (sniffed.format) {
      case 'wav':
        return new PcmDecoder(file, await readWavLayout(file), chunkBytes);
      case 'aiff':
        return new PcmDecoder(file, await readAiffLayout(file), chunkBytes);
      case 'flac':
        return await openFlacDecoder(file, sniffed.offset, chunkBytes);
      case 'mp3':
        return openMp3Decoder(file, sniffed.offset, sniffed.header, chunkBytes);
    }
  } catch (error) {
    await file.close();
    throw error;
  }
}
