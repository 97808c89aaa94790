import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsDirOf } from '../../src/main/core/backups/backup-names';
import { parseHeadlessArgs, UsageError } from '../../src/main/headless-options';
import { integrityCheckOf, makeTempDir, removeTempDirs } from '../helpers/library-files';
import { libraryWithSessions } from './library-damage';

const ROOT = join(__dirname, '..', '..');

afterEach(() => removeTempDirs());

/** Runs headless mode to its end. */
function headless(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/headless.ts', ...args], {
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('headless --backup-now', () => {
  it("backs up the data folder's library, prints the backup's path and exits 0", async () => {
    const dataDir = makeTempDir('sessiondock-backup-now-');
    libraryWithSessions(dataDir, 20);
    const { code, stdout, stderr } = await headless(['--data-dir', dataDir, '--backup-now']);
    expect(code, stderr).toBe(0);
    const [name] = readdirSync(backupsDirOf(dataDir));
    expect(name).toMatch(/^library-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.sqlite$/);
    expect(stdout).toBe(`${join(backupsDirOf(dataDir), name!)}\n`);
    expect(integrityCheckOf(stdout.trim())).toEqual(['ok']);
  });

  it('exits non-zero with a message when there is no library, or the backup cannot be written', async () => {
    const empty = makeTempDir('sessiondock-backup-now-');
    const missing = await headless(['--data-dir', empty, '--backup-now']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(
      /^SessionDock could not back up the library in .*: there is no library \(library\.sqlite\) in /,
    );
    expect(existsSync(backupsDirOf(empty))).toBe(false);

    const dataDir = makeTempDir('sessiondock-backup-now-');
    libraryWithSessions(dataDir, 1);
    // A file where the backups folder should be.
    writeFileSync(backupsDirOf(dataDir), 'not a folder');
    const failed = await headless(['--data-dir', dataDir, '--backup-now']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/the backups folder .* could not be created/);
  });

  it('takes only --data-dir', () => {
    expect(parseHeadlessArgs(['--data-dir', '/tmp/x', '--backup-now'])).toEqual({
      dataDir: '/tmp/x',
      backupNow: true,
    });
    expect(() => parseHeadlessArgs(['--backup-now', '--port', '0'])).toThrow(UsageError);
    expect(() => parseHeadlessArgs(['--backup-now', '--mode', 'read-only'])).toThrow(
      /--backup-now takes only --data-dir/,
    );
  });
});
