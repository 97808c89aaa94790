import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const TOKEN_FILE_NAME = 'local-api-token';
const TOKEN_PATTERN = /^sdk_[A-Za-z0-9_-]{43}$/;

export function generateToken(): string {
  return `sdk_${randomBytes(32).toString('base64url')}`;
}

/**
 * The Local API bearer token, kept in `<data dir>/local-api-token` (mode 0600) so scripts can read
 * it. Held in memory and checked per request, so a rotation applies to the very next request.
 */
export class TokenStore {
  readonly path: string;
  private token: string;
  private tokenBytes: Buffer;
  private rotation: Promise<string> = Promise.resolve('');

  constructor(dataDir: string) {
    this.path = join(dataDir, TOKEN_FILE_NAME);
    this.token = this.loadOrCreate();
    this.tokenBytes = Buffer.from(this.token, 'utf8');
  }

  current(): string {
    return this.token;
  }

  /** Constant-time comparison; a candidate of another length is refused without timing leaks. */
  matches(candidate: string): boolean {
    const expected = this.tokenBytes;
    const given = Buffer.from(candidate, 'utf8');
    // Compare against an equal-length buffer even on length mismatch so timing does not reveal it.
    const comparable = given.length === expected.length ? given : Buffer.alloc(expected.length);
    return timingSafeEqual(comparable, expected) && given.length === expected.length;
  }

  /** Writes the new token atomically, then swaps it in: once this resolves the old one is dead. */
  rotate(): Promise<string> {
    // One rotation at a time, so memory and file always end up holding the same token.
    const run = (): Promise<string> => this.rotateNow();
    this.rotation = this.rotation.then(run, run);
    return this.rotation;
  }

  private async rotateNow(): Promise<string> {
    const next = generateToken();
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, `${next}\n`, { mode: 0o600 });
    await rename(temporary, this.path);
    this.token = next;
    this.tokenBytes = Buffer.from(next, 'utf8');
    return next;
  }

  private loadOrCreate(): string {
    if (existsSync(this.path)) {
      const stored = readFileSync(this.path, 'utf8').trim();
      chmodSync(this.path, 0o600);
      if (TOKEN_PATTERN.test(stored)) return stored;
    }
    const token = generateToken();
    writeFileSync(this.path, `${token}\n`, { mode: 0o600 });
    chmodSync(this.path, 0o600);
    return token;
  }
}
