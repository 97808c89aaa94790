/**
 * Errors of the audio layer. Every expected failure is one of these, never a raw Error from fs, a
 * decoder or a worker, so callers can mark a preview `unreadable` (or `missing`) with a reason and
 * carry on. They survive a trip through a worker's message port as plain data (`toWire`/`fromWire`).
 */

/** Why a file could not be turned into peaks. `missing` lets callers mark a preview `missing`. */
export type UnreadableReason =
  | 'missing' // the path does not exist (any more)
  | 'not_a_file' // a folder, a device, a FIFO: never opened, so a pipe can never hang a read
  | 'empty' // 0 bytes
  | 'read_failed' // permission denied, I/O error
  | 'unknown_format' // not WAV, AIFF, FLAC or MP3 by its bytes
  | 'unsupported_encoding' // a known container with an encoding we do not decode (e.g. A-law)
  | 'malformed' // the header contradicts itself or is cut short
  | 'no_audio' // a valid header but not one complete frame of audio
  | 'decoder_failed' // a decoder threw
  | 'worker_crashed'; // the worker died while decoding this file

export type PeaksErrorCode = 'unreadable' | 'timeout' | 'cancelled';

export abstract class PeaksError extends Error {
  abstract readonly code: PeaksErrorCode;
}

export class UnreadableAudioError extends PeaksError {
  readonly code = 'unreadable' as const;

  constructor(
    readonly reason: UnreadableReason,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableAudioError';
  }
}

/** The job ran longer than its time limit; the worker running it was replaced. */
export class PeaksTimeoutError extends PeaksError {
  readonly code = 'timeout' as const;

  constructor(message: string) {
    super(message);
    this.name = 'PeaksTimeoutError';
  }
}

/** The caller aborted the job (its AbortSignal fired) or the pool was closed. */
export class PeaksCancelledError extends PeaksError {
  readonly code = 'cancelled' as const;

  constructor(message = 'peaks computation cancelled') {
    super(message);
    // The conventional name, so code that checks `err.name === 'AbortError'` treats it as such.
    this.name = 'AbortError';
  }
}

export function unreadable(reason: UnreadableReason, message: string): UnreadableAudioError {
  return new UnreadableAudioError(reason, message);
}

export function isPeaksError(value: unknown): value is PeaksError {
  return value instanceof PeaksError;
}

/** The plain-data form an error takes across a worker's message port. */
export interface WireError {
  code: PeaksErrorCode;
  reason?: UnreadableReason;
  message: string;
}

/**
 * Turns anything thrown while decoding into a PeaksError. Unexpected throws (a bug, a decoder's own
 * exception) become `unreadable`/`decoder_failed`: one bad file must never take more than itself down.
 */
export function toPeaksError(error: unknown): PeaksError {
  if (error instanceof PeaksError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UnreadableAudioError('decoder_failed', `decoder failed: ${message}`);
}

export function toWire(error: unknown): WireError {
  const peaksError = toPeaksError(error);
  return peaksError instanceof UnreadableAudioError
    ? { code: peaksError.code, reason: peaksError.reason, message: peaksError.message }
    : { code: peaksError.code, message: peaksError.message };
}

export function fromWire(wire: WireError): PeaksError {
  switch (wire.code) {
    case 'timeout':
      return new PeaksTimeoutError(wire.message);
    case 'cancelled':
      return new PeaksCancelledError(wire.message);
    default:
      return new UnreadableAudioError(wire.reason ?? 'decoder_failed', wire.message);
  }
}

/** Throws PeaksCancelledError when the signal has fired; called between chunks. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PeaksCancelledError();
}
