// The one spelling of a project path (src/shared/validation/project-path.ts), on its own: what is
// folded, what is kept as written, what is refused.
import { describe, expect, it } from 'vitest';
import { canonicalPath, parseProjectPath } from '../../src/shared/validation';

describe('canonicalPath', () => {
  it.each([
    ['a POSIX path as is', '/Users/me/Music/Song.als', '/Users/me/Music/Song.als'],
    ['a trailing separator', '/x/Song Project/', '/x/Song Project'],
    ['several trailing separators', '/x/Song.logicx///', '/x/Song.logicx'],
    ['doubled inner separators', '/x//Song//a.als', '/x/Song/a.als'],
    ['. segments', '/x/./Song/./a.als/.', '/x/Song/a.als'],
    ['the root', '/', '/'],
    ['the root written twice', '//', '/'],
    ['a POSIX backslash, which is part of a name', '/x/odd\\name\\', '/x/odd\\name\\'],
    ['a Windows path as is', 'C:\\Users\\me\\Song.flp', 'C:\\Users\\me\\Song.flp'],
    ['a Windows trailing separator', 'C:\\Music\\Song Project\\', 'C:\\Music\\Song Project'],
    ['Windows forward slashes', 'C:/Users/me/Music/Song.rpp', 'C:\\Users\\me\\Music\\Song.rpp'],
    ['a lower-case drive', 'd:\\Projects\\Song.cpr', 'D:\\Projects\\Song.cpr'],
    ['a drive root', 'C:\\', 'C:\\'],
    ['a drive root with extra separators', 'c:/\\', 'C:\\'],
    ['a UNC path with a trailing separator', '\\\\nas\\projects\\Song\\', '\\\\nas\\projects\\Song'],
    ['a device path', '\\\\.\\pipe\\x', '\\\\.\\pipe\\x'],
  ])('%s', (_label, input, expected) => {
    expect(canonicalPath(input)).toBe(expected);
    // Canonical means a fixed point.
    expect(canonicalPath(expected)).toBe(expected);
  });

  it('keeps case and Unicode form as written (both belong to the volume, not the path)', () => {
    expect(canonicalPath('/Music/SONG.als')).toBe('/Music/SONG.als');
    const nfd = '/Music/Cafe\u0301.als';
    expect(canonicalPath(nfd)).toBe(nfd);
  });

  it.each(['/x/../y', '/..', 'C:\\x\\..\\y', '\\\\nas\\share\\..\\other'])(
    'refuses %s (a .. segment)',
    (input) => {
      expect(canonicalPath(input)).toBeNull();
    },
  );

  it.each(['relative/x', 'C:x', '', '~/x'])('is null for %s (not absolute)', (input) => {
    expect(canonicalPath(input)).toBeNull();
  });
});

describe('parseProjectPath', () => {
  it('returns the canonical spelling', () => {
    expect(parseProjectPath('  /x/Song Project/  ')).toBe('/x/Song Project');
    expect(parseProjectPath(null)).toBeNull();
  });

  it('names the field and the rule', () => {
    expect(() => parseProjectPath('/x/../y')).toThrow("projectPath must not contain '..' segments");
    expect(() => parseProjectPath('x', 'path')).toThrow(
      'path must be an absolute path (at most 4096 characters) or null',
    );
  });
});
