// The installers hold every file the built app loads at run time, and nothing else.
//
// 1. electron-builder.yml read with electron-builder's own YAML loader and matched with its own
//    minimatch, the way its file copier does: for macOS, Windows and Linux on x64 and arm64, the
//    files the built app loads (out/, the packages out/main requires and theirs, this platform's
//    better-sqlite3 prebuild, the waveform worker) are packaged, and the prebuild and the worker
//    are unpacked from the archive.
// 2. On Linux, a real `electron-builder --dir --linux` with a stand-in Electron (no download): the
//    app.asar it writes is listed, then extracted and its out/main/headless.js started under Node:
//    the Local API answers, serves its docs, and computes a waveform in the packaged worker.
//
// Needs `npm run build` first (CI builds before testing); skipped with that message otherwise.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const BUILT = existsSync(join(ROOT, 'out', 'main', 'index.js'));
const NOT_BUILT = 'skipped: out/main/index.js is missing, run `npm run build` first';
const WORKER = 'out/main/peaks-worker.js';
/** The stdio MCP bridge (src/mcp-bridge): run by path with the app's binary (ELECTRON_RUN_AS_NODE=1). */
const MCP_BRIDGE = 'out/main/sessiondock-mcp.js';
const PREBUILDS = 'node_modules/better-sqlite3/prebuilds';

// electron-builder's own dependencies, so patterns are parsed and matched exactly as it does.
const fromProject = createRequire(join(ROOT, 'package.json'));
const fromBuilderLib = createRequire(
  createRequire(fromProject.resolve('electron-builder/package.json')).resolve('app-builder-lib/package.json'),
);
interface Glob {
  negate: boolean;
  set: unknown[][];
  match(path: string, partial?: boolean): boolean;
}
const { Minimatch } = fromBuilderLib('minimatch') as {
  Minimatch: new (pattern: string, options: { dot: boolean }) => Glob;
};
const { load: loadYaml } = fromBuilderLib('js-yaml') as { load(text: string): unknown };
interface AsarNode {
  files?: Record<string, AsarNode>;
  unpacked?: boolean;
  size?: number;
}
const asar = fromBuilderLib('@electron/asar') as {
  getRawHeader(archive: string): { header: AsarNode };
  extractAll(archive: string, dest: string): void;
};

type Os = 'mac' | 'win' | 'linux';
const NODE_PLATFORM: Record<Os, string> = { mac: 'darwin', win: 'win32', linux: 'linux' };
const TARGETS = (['mac', 'win', 'linux'] as const).flatMap((os) =>
  (['x64', 'arm64'] as const).map((arch) => ({ os, arch })),
);

interface BuilderConfig {
  npmRebuild?: boolean;
  asar?: { smartUnpack?: boolean };
  asarUnpack: string[];
  mac: { files: string[] };
  win: { files: string[] };
  linux: { files: string[]; executableName?: string };
  files?: unknown;
}
const config = loadYaml(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** electron-builder's macros as they expand in file patterns (only those this config may use). */
function expand(pattern: string, os: Os, arch: string): string {
  const expanded = pattern.replace(/\$\{([_a-zA-Z./*+]+)\}/g, (_match, name: string) => {
    if (name === 'arch') return arch;
    if (name === 'os') return os;
    if (name === '/*') return '{,/**/*}';
    throw new Error(`electron-builder.yml uses \${${name}}: teach packaging.test.ts how it expands`);
  });
  return posix.normalize(expanded.startsWith('./') ? expanded.slice(2) : expanded);
}

/** FileMatcher.computeParsedPatterns: a plain folder name also stands for everything inside it. */
function compile(patterns: string[]): Glob[] {
  return patterns.flatMap((pattern) => {
    const glob = new Minimatch(pattern, { dot: true });
    const magic = glob.set.length > 1 || glob.set[0]!.some((part) => typeof part !== 'string');
    return pattern.includes('.') || magic ? [glob] : [glob, new Minimatch(`${pattern}/**/*`, { dot: true })];
  });
}

/** util/filter.js minimatchAll: patterns apply in order, a later `!` pattern excludes again. */
function matchesAll(path: string, globs: Glob[]): boolean {
  let match = false;
  for (const glob of globs) {
    if (match !== glob.negate) continue;
    match = glob.match(path);
  }
  return match;
}

/**
 * Whether electron-builder packages `path` (relative to the project) for this OS and arch:
 * app files go through the platform's `files` after its own first patterns; production
 * node_modules are collected separately and only the `!` patterns filter them.
 */
function packaged(path: string, os: Os, arch: string): boolean {
  const files = config[os].files.map((it) => expand(it, os, arch));
  const globs = path.startsWith('node_modules/')
    ? compile(['**/*', ...files.filter((it) => it.startsWith('!'))])
    : compile(['!**/node_modules/**', '!build{,/**/*}', ...files]);
  return matchesAll(path, globs);
}

function unpacked(path: string, os: Os, arch: string): boolean {
  return matchesAll(path, compile(config.asarUnpack.map((it) => expand(it, os, arch))));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

const toProject = (path: string): string => relative(ROOT, path).split(sep).join('/');

/** Bare module names a built file requires or imports, Node's built-ins and Electron left out. */
function bareRequires(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const names = [...code.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map(
    (m) => m[1]!,
  );
  return [...new Set(names)].filter((name) => !isBuiltin(name) && name !== 'electron');
}

function relativeRequires(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/\b(?:require|import)\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g)].map((m) => m[1]!);
}

const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Node's lookup: `<dir>/node_modules/<name>` from `fromDir` up to the project root. */
function findPackage(fromDir: string, name: string): string | null {
  for (let dir = fromDir; dir.startsWith(ROOT); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT) break;
  }
  return null;
}

interface RuntimePackage {
  name: string;
  dir: string;
  /** package.json and the file `require(name)` loads, relative to the project. */
  files: string[];
}

/** The packages out/main loads and, through their dependencies, everything they load. */
function runtimePackages(builtFiles: string[]): { packages: RuntimePackage[]; missing: string[] } {
  const found = new Map<string, RuntimePackage>();
  const missing: string[] = [];
  const queue = builtFiles.flatMap((file) =>
    bareRequires(file).map((spec) => ({ from: dirname(file), name: packageName(spec), optional: false })),
  );
  for (let next = queue.shift(); next; next = queue.shift()) {
    const dir = findPackage(next.from, next.name);
    if (!dir) {
      if (!next.optional) missing.push(`${next.name} (from ${toProject(next.from)})`);
      continue;
    }
    if (found.has(dir)) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    const files = [toProject(join(dir, 'package.json'))];
    try {
      files.push(toProject(createRequire(join(next.from, 'noop.js')).resolve(next.name)));
    } catch {
      // ESM-only or exports without a `require` entry: package.json stands for it.
    }
    found.set(dir, { name: next.name, dir, files });
    for (const name of Object.keys(manifest.dependencies ?? {}))
      queue.push({ from: dir, name, optional: false });
    for (const name of Object.keys(manifest.optionalDependencies ?? {}))
      queue.push({ from: dir, name, optional: true });
  }
  return { packages: [...found.values()], missing };
}

/** What the built app loads by path at run time: out/ as electron-vite wrote it. */
function builtRuntimeFiles(): { main: string[]; all: string[] } {
  const scripts = (dir: string) =>
    existsSync(dir) ? walk(dir).filter((path) => /\.(c|m)?js$/.test(path)) : [];
  const main = scripts(join(ROOT, 'out', 'main'));
  const renderer = walk(join(ROOT, 'out', 'renderer'));
  return { main, all: [...main, ...scripts(join(ROOT, 'out', 'preload')), ...renderer] };
}

describe.skipIf(!BUILT)(
  `packaging: electron-builder.yml against the built app${BUILT ? '' : ` (${NOT_BUILT})`}`,
  () => {
    const built = BUILT ? builtRuntimeFiles() : { main: [], all: [] };
    const { packages, missing } = BUILT ? runtimePackages(built.main) : { packages: [], missing: [] };

    it('finds what the built app loads: the window files, the packages out/main requires, the worker', () => {
      const html = readFileSync(join(ROOT, 'out', 'renderer', 'index.html'), 'utf8');
      for (const [, asset] of html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)) {
        expect(existsSync(join(ROOT, 'out', 'renderer', asset!)), `index.html loads ${asset}`).toBe(true);
      }
      expect(built.all.map(toProject)).toEqual(expect.arrayContaining(['out/main/index.js', WORKER]));
      expect(missing, 'dependencies not installed').toEqual([]);
      expect(packages.map((it) => it.name)).toEqual(
        expect.arrayContaining(['better-sqlite3', 'fastify', '@fastify/swagger-ui', 'typebox']),
      );
    });

    it('keeps one `files` list per platform, the same but for the prebuild it keeps', () => {
      expect(config.files, 'a top-level `files` would become a second matcher that copies everything').toBe(
        undefined,
      );
      const common = (os: Os) => config[os].files.slice(0, -1);
      expect(common('win')).toEqual(common('mac'));
      expect(common('linux')).toEqual(common('mac'));
      expect(config.npmRebuild).toBe(false);
      expect(config.linux.executableName).toBe('sessiondock');
    });

    it.each(TARGETS)(
      '$os $arch: packages every run-time file and unpacks the native prebuild and the worker',
      ({ os, arch }) => {
        const required = [
          ...built.all.map(toProject),
          'package.json',
          ...packages.flatMap((it) => it.files),
          `${PREBUILDS}/${NODE_PLATFORM[os]}-${arch}.node`,
        ];
        expect(required.filter((path) => !packaged(path, os, arch))).toEqual([]);
        expect(unpacked(`${PREBUILDS}/${NODE_PLATFORM[os]}-${arch}.node`, os, arch)).toBe(true);
        expect(unpacked(WORKER, os, arch)).toBe(true);
        expect(unpacked(MCP_BRIDGE, os, arch)).toBe(true);
      },
    );

    it.each(TARGETS)('$os $arch: leaves out sources, tests and the other prebuilds', ({ os, arch }) => {
      const projectFiles = ['src', 'test', 'bench', 'scripts', 'docs', 'build']
        .filter((dir) => existsSync(join(ROOT, dir)))
        .flatMap((dir) => walk(join(ROOT, dir)).map(toProject));
      const sqlite = walk(join(ROOT, 'node_modules', 'better-sqlite3')).map(toProject);
      const shipped = [
        ...projectFiles,
        ...sqlite,
        'README.md',
        'electron.vite.config.ts',
        'tsconfig.json',
      ].filter((path) => packaged(path, os, arch));
      expect(shipped.sort()).toEqual(
        [
          'node_modules/better-sqlite3/LICENSE',
          'node_modules/better-sqlite3/package.json',
          `${PREBUILDS}/${NODE_PLATFORM[os]}-${arch}.node`,
          ...sqlite.filter((path) => path.startsWith('node_modules/better-sqlite3/lib/')),
        ].sort(),
      );
    });

    it('unpacks a worker that loads nothing from the archive: Node built-ins only', () => {
      const worker = join(ROOT, WORKER);
      expect(bareRequires(worker)).toEqual([]);
      expect(relativeRequires(worker)).toEqual([]);
    });
  },
);

/** A stand-in for Electron's Linux distribution: electron-builder copies it and renames `electron`. */
function fakeElectronDist(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Every file in an asar header, with whether it sits in app.asar.unpacked. */
function asarFiles(node: AsarNode, prefix = ''): { path: string; unpacked: boolean }[] {
  return Object.entries(node.files ?? {}).flatMap(([name, child]) =>
    child.files
      ? asarFiles(child, `${prefix}${name}/`)
      : [{ path: `${prefix}${name}`, unpacked: child.unpacked === true }],
  );
}

/** A one-second 16-bit mono WAV: a preview for the packaged worker to draw. */
function writeWav(path: string): void {
  const rate = 8000;
  const samples = Buffer.alloc(rate * 2);
  for (let i = 0; i < rate; i++) samples.writeInt16LE(Math.round(Math.sin(i / 8) * 12000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  writeFileSync(path, Buffer.concat([header, samples]));
}

const linuxBuild = BUILT && process.platform === 'linux';
const linuxSkip = BUILT ? 'skipped: the real --dir build runs on Linux hosts' : NOT_BUILT;

describe.skipIf(!linuxBuild)(
  `packaging: a real electron-builder --dir --linux${linuxBuild ? '' : ` (${linuxSkip})`}`,
  () => {
    const arch = process.arch;
    let work = '';
    let resources = '';
    let files: { path: string; unpacked: boolean }[] = [];
    let headless: ChildProcess | null = null;

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'sessiondock-package-'));
      const electronVersion = (fromProject('electron/package.json') as { version: string }).version;
      const { code, output } = await run(process.execPath, [
        fromProject.resolve('electron-builder/cli.js'),
        '--dir',
        '--linux',
        '--publish',
        'never',
        `-c.electronDist=${fakeElectronDist(join(work, 'electron'))}`,
        `-c.electronVersion=${electronVersion}`,
        `-c.directories.output=${join(work, 'dist')}`,
      ]);
      if (code !== 0) throw new Error(`electron-builder exited with ${code}:\n${output}`);
      const unpackedDir = readdirSync(join(work, 'dist')).find((name) => /^linux-.*unpacked$/.test(name));
      if (!unpackedDir) throw new Error(`no linux-*unpacked folder in ${join(work, 'dist')}:\n${output}`);
      resources = join(work, 'dist', unpackedDir, 'resources');
      files = asarFiles(asar.getRawHeader(join(resources, 'app.asar')).header);
    }, 120_000);

    afterAll(() => {
      if (headless && headless.exitCode === null) headless.kill('SIGKILL');
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('packs out/ and package.json, and no sources, tests, docs or source maps', () => {
      const paths = files.map((it) => it.path);
      const built = builtRuntimeFiles().all.map(toProject);
      expect(built.filter((path) => !paths.includes(path))).toEqual([]);
      expect(paths).toContain('package.json');
      const appFiles = paths.filter((path) => !path.startsWith('node_modules/'));
      expect(appFiles.filter((path) => !path.startsWith('out/') && path !== 'package.json')).toEqual([]);
      expect(paths.filter((path) => /\.(ts|tsx|map|md)$/.test(path))).toEqual([]);
      expect(paths.filter((path) => /\/(test|tests|__tests__|docs|examples?)\//.test(path))).toEqual([]);
      for (const { name } of runtimePackages(builtRuntimeFiles().main).packages) {
        const manifest = `node_modules/${name}/package.json`;
        expect(
          paths.some((path) => path === manifest || path.endsWith(`/${manifest}`)),
          name,
        ).toBe(true);
      }
    });

    it('ships only this platform’s better-sqlite3 prebuild, unpacked, and unpacks the worker', () => {
      const prebuilds = files.filter((it) => it.path.startsWith(`${PREBUILDS}/`));
      expect(prebuilds).toEqual([{ path: `${PREBUILDS}/linux-${arch}.node`, unpacked: true }]);
      expect(existsSync(join(resources, 'app.asar.unpacked', PREBUILDS, `linux-${arch}.node`))).toBe(true);
      expect(files.filter((it) => it.path.startsWith('node_modules/better-sqlite3/'))).toEqual(
        expect.not.arrayContaining([
          expect.objectContaining({ path: expect.stringMatching(/\/(src|deps|build)\//) }),
        ]),
      );
      expect(files.find((it) => it.path === WORKER)).toEqual({ path: WORKER, unpacked: true });
      expect(statSync(join(resources, 'app.asar.unpacked', WORKER)).size).toBeGreaterThan(0);
      const natives = files.filter((it) => /\.(node|so|dylib|dll|exe)$/.test(it.path));
      expect(natives.filter((it) => !it.unpacked)).toEqual([]);
    });

    it('runs headless from the packaged files: the Local API, its docs and a waveform from the worker', async () => {
      const app = join(work, 'app');
      asar.extractAll(join(resources, 'app.asar'), app);
      const dataDir = join(work, 'library');
      const wav = join(work, 'tone.wav');
      writeWav(wav);
      const child = spawn(
        process.execPath,
        [
          // out/main/headless.js is the plain-Node entry (index.js is Electron's and needs it).
          join(app, 'out', 'main', 'headless.js'),
          '--data-dir',
          dataDir,
          '--port',
          '0',
          '--mode',
          'full-automation',
        ],
        { cwd: app },
      );
      headless = child;
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const baseUrl = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', (line) => {
          const url = /(http:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(line)?.[1];
          if (url) resolve(url);
          else reject(new Error(`unexpected first line: ${line}\n${stderr}`));
        });
        child.once('exit', (code) => reject(new Error(`headless exited with ${code}:\n${stderr}`)));
      });
      const token = readFileSync(join(dataDir, 'local-api-token'), 'utf8').trim();
      const api = async (path: string, init: RequestInit = {}) => {
        const response = await fetch(`${baseUrl}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
        });
        return {
          status: response.status,
          body: (await response.json()) as { data: Record<string, unknown> },
        };
      };

      expect((await api('/health')).status).toBe(200);
      const docs = await fetch(new URL('/docs/', baseUrl));
      expect(docs.status).toBe(200);
      expect(await docs.text()).toMatch(/swagger/i);

      const session = await api('/sessions', {
        method: 'POST',
        body: JSON.stringify({ title: 'Packaged', kind: 'Ableton', status: 'draft' }),
      });
      expect(session.status).toBe(201);
      const id = String(session.body.data.id);
      const preview = await api(`/sessions/${id}/previews`, {
        method: 'POST',
        body: JSON.stringify({ path: wav }),
      });
      expect(preview.status, JSON.stringify(preview.body)).toBe(201);
      const waveform = await api(`/sessions/${id}/waveform?points=16`);
      expect(waveform.status, JSON.stringify(waveform.body)).toBe(200);
      expect(waveform.body.data).toMatchObject({ sampleRate: 8000, channels: 1 });

      child.kill('SIGTERM');
      const exit = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(exit, stderr).toBe(0);
    }, 60_000);
  },
);
