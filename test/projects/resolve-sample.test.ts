// Where a project's sample is on this disk: relative paths with either separator, absolute paths,
// paths from another OS, and a project folder that moved with its samples beside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSample, sampleCandidates } from '../../src/main/core/projects/resolve-sample';

describe('resolveSample', () => {
  let root: string;
  let project: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sessiondock-samples-'));
    project = join(root, 'Song Project');
    mkdirSync(join(project, 'Audio'), { recursive: true });
    mkdirSync(join(project, 'Samples', 'Imported'), { recursive: true });
    writeFileSync(join(project, 'Audio', 'kick 01.wav'), 'x');
    writeFileSync(join(project, 'Samples', 'Imported', 'pad.aif'), 'x');
    writeFileSync(join(root, 'elsewhere.wav'), 'x');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('resolves relative paths against the project folder, with / or \\', () => {
    for (const stored of ['Audio/kick 01.wav', 'Audio\\kick 01.wav', './Audio/kick 01.wav']) {
      expect(resolveSample(stored, project)).toEqual({
        storedPath: stored,
        resolvedPath: join(project, 'Audio', 'kick 01.wav'),
        exists: true,
      });
    }
    expect(resolveSample('../elsewhere.wav', project)).toMatchObject({
      resolvedPath: join(root, 'elsewhere.wav'),
      exists: true,
    });
  });

  it('takes an absolute path as it is, and falls back to the project folder when it went stale', () => {
    expect(resolveSample(join(root, 'elsewhere.wav'), project)).toMatchObject({ exists: true });
    expect(resolveSample('/Volumes/Old Drive/Project/Samples/Imported/pad.aif', project)).toEqual({
      storedPath: '/Volumes/Old Drive/Project/Samples/Imported/pad.aif',
      resolvedPath: join(project, 'Samples', 'Imported', 'pad.aif'),
      exists: true,
    });
  });

  it('reads a Windows path on another OS by its file name', () => {
    const stored = 'D:\\git\\Song Project\\Audio\\kick 01.wav';
    const resolved = resolveSample(stored, project);
    expect(resolved.exists).toBe(true);
    if (process.platform !== 'win32')
      expect(resolved.resolvedPath).toBe(join(project, 'Audio', 'kick 01.wav'));
  });

  it('reports a missing sample at its likeliest place', () => {
    expect(resolveSample('Audio/gone.wav', project)).toEqual({
      storedPath: 'Audio/gone.wav',
      resolvedPath: join(project, 'Audio', 'gone.wav'),
      exists: false,
    });
    expect(resolveSample('/nowhere/gone.wav', project)).toEqual({
      storedPath: '/nowhere/gone.wav',
      resolvedPath: '/nowhere/gone.wav',
      exists: false,
    });
  });

  it('never lists a candidate twice', () => {
    const candidates = sampleCandidates('kick.wav', project);
    expect(new Set(candidates).size).toBe(candidates.length);
    expect(candidates[0]).toBe(join(project, 'kick.wav'));
  });
});
