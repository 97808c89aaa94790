// Loads the BUILT main bundle (package.json `main`, out/main/index.js) the way Electron does for
// `electron . <args>`: process.argv is [electron, appRoot, ...args], `require('electron')` gives the
// main-process module (here the double's), the entry's code runs to its end, and only then is
// `ready` emitted. Nothing of SessionDock's is replaced: the bundle and every chunk it requires run
// as built.
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ElectronDouble, type ElectronDoubleOptions } from './main-process';

/** The app under test: this repository, or another checkout's build (SESSIONDOCK_APP_ROOT). */
export const APP_ROOT = process.env.SESSIONDOCK_APP_ROOT ?? resolve(__dirname, '../../..');
/** Node's own require (the bundle is CommonJS), whatever compiled this file. */
const nodeRequire = createRequire(join(APP_ROOT, 'package.json'));

export interface BuiltApp {
  electron: ElectronDouble;
  /** The built entry's path, as package.json names it. */
  entry: string;
  /** `performance.now()` when the entry began loading, had run, and `ready` was emitted (bench:startup). */
  times: { entryStarted: number; entryEvaluated: number; readyEmitted: number };
}

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: ModuleLoad };

/** The double answering `require('electron')` for the app being loaded now. */
let current: ElectronDouble | null = null;
let installed = false;

function installElectronResolution(): void {
  if (installed) return;
  installed = true;
  const load = moduleWithLoad._load;
  moduleWithLoad._load = function (request, parent, isMain) {
    if (request === 'electron') {
      if (!current) throw new Error('electron double: require("electron") outside a loaded app');
      return current.module();
    }
    return load.call(this, request, parent, isMain);
  };
}

/**
 * Starts the built app with `args` (what a user passes after the executable). Each call is a new
 * "launch": the bundle is evaluated afresh (its files dropped from the require cache), as a new
 * process would. Returns once the entry ran and `ready` was emitted.
 */
export async function launchBuiltApp(
  options: Omit<ElectronDoubleOptions, 'appRoot'> & { args?: string[]; appRoot?: string },
): Promise<BuiltApp> {
  const appRoot = options.appRoot ?? APP_ROOT;
  const pkg = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { main: string };
  const entry = resolve(appRoot, pkg.main);
  const electron = new ElectronDouble({ ...options, appRoot });
  installElectronResolution();
  const outDir = join(appRoot, 'out');
  for (const cached of Object.keys(nodeRequire.cache))
    if (cached.startsWith(outDir)) delete nodeRequire.cache[cached];

  const savedArgv = process.argv;
  process.argv = [process.execPath, appRoot, ...(options.args ?? [])];
  current = electron;
  const entryStarted = performance.now();
  let entryEvaluated: number;
  try {
    nodeRequire(entry);
    entryEvaluated = performance.now();
    // Anything the app asks of Electron after this line happened after the entry's own turn.
    electron.log.push('entry evaluated');
  } finally {
    process.argv = savedArgv;
  }
  // Electron emits `ready` from its own event loop, after the entry's synchronous code has run.
  await new Promise((resolveTurn) => setImmediate(resolveTurn));
  const readyEmitted = performance.now();
  electron.emitReady();
  return { electron, entry, times: { entryStarted, entryEvaluated, readyEmitted } };
}

/** The window's Chromium flags: file: pages may load their own module scripts, as Electron allows. */
export const DOUBLE_CHROMIUM_ARGS = ['--allow-file-access-from-files'];
