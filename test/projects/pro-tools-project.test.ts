// Pro Tools sessions: recognised by their clear header, never read (status unsupported); anything else is an Error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isProToolsSession,
  PRO_TOOLS_UNSUPPORTED,
  readProToolsProject,
} from '../../src/main/core/projects/pro-tools-project';
import { memorySource, UnsupportedProjectError } from '../../src/main/core/projects/project-source';

/** A session's clear header (Pro Tools 10+, XOR scheme 5) followed by obfuscated bytes. */
const SESSION = Buffer.concat([
  Buffer.from('\x030010111100101011\x00\x05\x3c', 'latin1'),
  Buffer.from([0x5a, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0xf2, 0x87]),
]);

function outcome(bytes: Buffer, path = '/p/Song.ptx'): unknown {
  try {
    return readProToolsProject(memorySource(path, { '': bytes }));
  } catch (error) {
    return error;
  }
}

describe('Pro Tools session reader', () => {
  it('says plainly that a Pro Tools session cannot be read, as UnsupportedProjectError', () => {
    const error = outcome(SESSION);
    expect(error).toBeInstanceOf(UnsupportedProjectError);
    expect((error as Error).message).toBe(PRO_TOOLS_UNSUPPORTED);
    expect(PRO_TOOLS_UNSUPPORTED).toMatch(
      /Pro Tools sessions are obfuscated by Avid; SessionDock cannot read/,
    );
  });

  it('reports a file that is not a Pro Tools session as an ordinary Error', () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('RIFF\0\0\0\x04NUND'),
      SESSION.subarray(0, 19), // cut inside the clear header
      Buffer.concat([Buffer.from([0x04]), SESSION.subarray(1)]), // wrong first byte
      Buffer.from(SESSION.toString('latin1').replace('0010111100101011', '0010111100101010'), 'latin1'),
    ]) {
      const error = outcome(bytes);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(UnsupportedProjectError);
      expect((error as Error).message).toBe('not a Pro Tools session (no Pro Tools header)');
    }
    expect(isProToolsSession(SESSION)).toBe(true);
  });
});

const CORPUS = join(__dirname, '../../../shared/corpus/projects/pro-tools/zamaudio__ptformat/bins');

describe.skipIf(!existsSync(CORPUS))(
  'Pro Tools sessions in the shared corpus (../shared/corpus absent: skipped)',
  () => {
    it('every .ptx, .ptf and .pts (Pro Tools 5 to 12) is recognised and unsupported', () => {
      const files = readdirSync(CORPUS).filter((name) => /\.pt[xfs]$/i.test(name));
      expect(files.map((name) => name.slice(-4)).sort()).toEqual([
        '.ptf',
        '.ptf',
        '.pts',
        '.pts',
        '.pts',
        '.ptx',
        '.ptx',
      ]);
      for (const name of files) {
        const error = outcome(readFileSync(join(CORPUS, name)), join(CORPUS, name));
        expect(error, name).toBeInstanceOf(UnsupportedProjectError);
        expect((error as Error).message, name).toBe(PRO_TOOLS_UNSUPPORTED);
      }
    });
  },
);
