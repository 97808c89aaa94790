import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';

/**
 * The waveform worker as one self-contained CommonJS file (out/main/peaks-worker.js): its audio
 * decoders bundled in, no shared chunk, no require() but Node's built-ins. `new Worker(path)`
 * starts it by path, so the packaged app ships it unpacked beside app.asar (asarUnpack), where
 * it cannot reach a chunk or a package inside the archive.
 */
function selfContainedWorker(entry: string, fileName: string): Plugin {
  return {
    name: 'sessiondock:self-contained-worker',
    apply: 'build',
    async generateBundle() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        root: __dirname,
        ssr: { noExternal: true, target: 'node' },
        build: {
          ssr: entry,
          write: false,
          target: 'node22',
          minify: false,
          rollupOptions: { output: { format: 'cjs', codeSplitting: false, entryFileNames: fileName } },
        },
      });
      const outputs = Array.isArray(result) ? result : [result];
      for (const output of outputs) {
        if (!('output' in output)) throw new Error('worker build: unexpected watcher');
        for (const file of output.output) {
          if (file.type !== 'chunk') continue;
          this.emitFile({ type: 'asset', fileName: file.fileName, source: file.code });
          for (const id of file.moduleIds) if (!id.startsWith('\0')) this.addWatchFile(id);
        }
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [
      selfContainedWorker(resolve(__dirname, 'src/main/core/audio/peaks-worker.ts'), 'peaks-worker.js'),
      selfContainedWorker(
        resolve(__dirname, 'src/main/core/projects/project-worker.ts'),
        'project-worker.js',
      ),
      // The stdio MCP bridge (src/mcp-bridge), built the same way so it runs from a bare path: under
      // any Node or the packaged app's binary with ELECTRON_RUN_AS_NODE=1, unpacked beside app.asar.
      selfContainedWorker(resolve(__dirname, 'src/mcp-bridge/main.ts'), 'sessiondock-mcp.js'),
    ],
    build: {
      // Packages stay in node_modules (electron-vite 6's built-in externalizeDeps, the default).
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          headless: resolve(__dirname, 'src/main/headless.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron` (and a few built-ins): bundle everything else.
      externalizeDeps: false,
      rollupOptions: {
        // A sandboxed preload must be a single CommonJS file: no chunks, no ESM.
        output: { format: 'cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
});
