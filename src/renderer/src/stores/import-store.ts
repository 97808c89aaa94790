// "Add folder…" as one flow: scan a folder, review what was found (new / already in the library),
// import the chosen projects with a progress bar that can be cancelled, then a summary with the
// reasons of anything skipped or failed. The job engine is main's, shared with POST /import.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ImportItemResult, ImportStatus } from '../../../shared/domain';
import type { FolderScanResult } from '../../../shared/ipc';
import { call, messageOf } from '../lib/bridge';
import type { StoreDeps } from '../lib/store-deps';

export type ImportPhase = 'idle' | 'scanning' | 'review' | 'importing' | 'done';

interface ImportState {
  phase: ImportPhase;
  /** The folder being scanned or reviewed. */
  folder: string | null;
  scan: FolderScanResult | null;
  /** Project paths ticked for import. */
  chosen: Set<string>;
  /** Newest versions whose older versions are shown under them. */
  expanded: Set<string>;
  generatePreviews: boolean;
  progress: ImportStatus | null;
  /** Items that were not imported, with main's reason (filled when the job is done). */
  notImported: ImportItemResult[];
  error: string | null;

  scanFolder(folder: string): Promise<void>;
  toggle(path: string): void;
  /** Shows or hides the older versions listed under a song's newest version. */
  toggleVersions(newest: string): void;
  /** 'new': every project not in the library, templates included (the user asked for all). */
  chooseAll(which: 'new' | 'none'): void;
  setGeneratePreviews(value: boolean): void;
  startImport(): Promise<void>;
  cancelImport(): Promise<void>;
  close(): void;
}

const newProjects = (scan: FolderScanResult | null): Set<string> =>
  new Set(scan?.projects.filter((project) => !project.inLibrary).map((project) => project.path) ?? []);

/**
 * What the review ticks at first: the new projects, but not templates or presets (they carry a
 * reason) and not the older versions of a song (only its newest).
 */
const suggestedProjects = (scan: FolderScanResult | null): Set<string> =>
  new Set(
    scan?.projects
      .filter(
        (project) => !project.inLibrary && project.reason === undefined && project.versionOf === undefined,
      )
      .map((project) => project.path) ?? [],
  );

const processed = (status: ImportStatus): number => status.completed + status.failed + status.skipped;

function newer(a: ImportStatus, b: ImportStatus): ImportStatus {
  if (a.done !== b.done) return a.done ? a : b;
  return processed(b) > processed(a) ? b : a;
}

export type ImportStore = UseBoundStore<StoreApi<ImportState>>;

export function createImportStore({ bridge }: Pick<StoreDeps, 'bridge'>): ImportStore {
  /** Progress that arrived before startImport() learned its job's id (events can overtake replies). */
  const earlyProgress = new Map<string, ImportStatus>();
  /** Bumped by every new scan or close, so a late answer to an abandoned scan is ignored. */
  let generation = 0;

  const store = create<ImportState>()((set, get) => ({
    phase: 'idle',
    folder: null,
    scan: null,
    chosen: new Set(),
    expanded: new Set(),
    generatePreviews: true,
    progress: null,
    notImported: [],
    error: null,

    async scanFolder(folder) {
      if (get().phase === 'importing') return;
      const mine = ++generation;
      set({
        phase: 'scanning',
        folder,
        scan: null,
        chosen: new Set(),
        expanded: new Set(),
        progress: null,
        notImported: [],
        error: null,
      });
      try {
        const scan = await call(bridge.scanFolder(folder));
        if (mine !== generation) return;
        set({ phase: 'review', scan, chosen: suggestedProjects(scan) });
      } catch (error) {
        if (mine !== generation) return;
        set({ phase: 'review', scan: null, error: messageOf(error) });
      }
    },

    toggle(path) {
      const chosen = new Set(get().chosen);
      if (!chosen.delete(path)) chosen.add(path);
      set({ chosen });
    },

    toggleVersions(newest) {
      const expanded = new Set(get().expanded);
      if (!expanded.delete(newest)) expanded.add(newest);
      set({ expanded });
    },

    chooseAll(which) {
      set({ chosen: which === 'new' ? newProjects(get().scan) : new Set() });
    },

    setGeneratePreviews(value) {
      set({ generatePreviews: value });
    },

    async startImport() {
      const { scan, chosen, generatePreviews, phase } = get();
      if (phase !== 'review' || !scan || chosen.size === 0) return;
      // Keep the scan's order (folder by folder), not the order of ticking. The scan's kind goes
      // along: a Logic bundle saved without `.logicx` has no extension to infer it from.
      const items = scan.projects
        .filter((project) => chosen.has(project.path))
        .map((p) => ({ projectPath: p.path, projectType: p.kind }));
      set({ phase: 'importing', error: null, progress: null });
      try {
        const started = await call(bridge.startImport({ items, generatePreviews }));
        const latest = earlyProgress.get(started.importId);
        earlyProgress.clear();
        set({ progress: latest ? newer(started, latest) : started });
        if (get().progress?.done) await finish(started.importId);
      } catch (error) {
        set({ phase: 'review', error: messageOf(error) });
      }
    },

    async cancelImport() {
      const { progress } = get();
      if (!progress || progress.done) return;
      try {
        set({ progress: await call(bridge.cancelImport(progress.importId)) });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },

    close() {
      if (get().phase === 'importing') return;
      generation++;
      set({
        phase: 'idle',
        folder: null,
        scan: null,
        chosen: new Set(),
        expanded: new Set(),
        progress: null,
        notImported: [],
        error: null,
      });
    },
  }));

  /** Reads the finished job's per-item results for the summary. */
  const finish = async (importId: string): Promise<void> => {
    try {
      const status = await call(bridge.importStatus(importId));
      const { items, ...progress } = status;
      store.setState({
        phase: 'done',
        progress,
        notImported: items.filter((item) => item.status === 'skipped' || item.status === 'failed'),
      });
    } catch (error) {
      store.setState({ phase: 'done', error: messageOf(error) });
    }
  };

  // Progress events arrive for every import (the API's too); only ours moves the bar.
  bridge.on('import:progress', (status) => {
    const state = store.getState();
    if (state.phase !== 'importing') return;
    if (!state.progress) {
      earlyProgress.set(status.importId, status);
      return;
    }
    if (status.importId !== state.progress.importId) return;
    store.setState({ progress: newer(state.progress, status) });
    if (status.done) void finish(status.importId);
  });

  return store;
}
