/**
 * Releases a WASM decoder. free() throws when the instance never came up (its `ready` rejected),
 * and there is nothing to release then; a failure to free must never hide the error that led here.
 */
export function freeQuietly(decoder: { free(): void }): void {
  try {
    decoder.free();
  } catch {
    // nothing was allocated
  }
}
