// TEST DOUBLE of what a sandboxed preload gets from Electron: a `require` that knows only
// `electron` (contextBridge, ipcRenderer, webUtils) and refuses every other module, as a sandboxed
// renderer does. The built preload (out/preload/index.js) runs in it, unchanged, before any of
// the page's scripts. ipcRenderer.invoke crosses to the double's ipcMain through a page binding.

/** The page-side script that runs the built preload's source with the double's `require`. */
export function preloadInitScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke(channel, ...args) {
      return globalThis.__electronDoubleInvoke(channel, args).then((answer) => {
        if (answer.threw) throw new Error(answer.message);
        return answer.value;
      });
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  Object.defineProperty(globalThis, '__electronDoubleEmit', {
    value(channel, args) {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: ipcRenderer, ports: [] }, ...args);
    },
  });
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in globalThis) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(globalThis, key, { value: Object.freeze({ ...api }), enumerable: true });
    },
  };
  const webUtils = { getPathForFile: () => '' };
  const sandboxedRequire = (id) => {
    if (id === 'electron') return { contextBridge, ipcRenderer, webUtils };
    throw new Error("module not found: " + id);
  };
  const module = { exports: {} };
  try {
    (function (require, module, exports) {
${preloadSource}
    })(sandboxedRequire, module, module.exports);
  } catch (error) {
    void globalThis.__electronDoublePreloadError(String((error && error.stack) || error));
  }
})();`;
}
