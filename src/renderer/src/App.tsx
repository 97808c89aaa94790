import { DetailPanel } from './components/detail/DetailPanel';
import { Banners } from './components/feedback/Banners';
import { ConfirmDialog } from './components/feedback/ConfirmDialog';
import { DropOverlay } from './components/feedback/DropOverlay';
import { Toasts } from './components/feedback/Toasts';
import { ImportDialog } from './components/import/ImportDialog';
import { Sidebar } from './components/layout/Sidebar';
import { TopBar } from './components/layout/TopBar';
import { ActiveFilters } from './components/library/ActiveFilters';
import { BulkActionBar } from './components/library/BulkActionBar';
import { LibraryContent } from './components/library/LibraryContent';
import { ContextMenu } from './components/menu/ContextMenu';
import { SettingsView } from './components/settings/SettingsView';
import { useFileDrop } from './hooks/useFileDrop';
import { useUiStore } from './stores/ui-store';

/** The library window: sidebar | top bar over (list + detail) or Settings. */
export function App() {
  const page = useUiStore((state) => state.page);
  const dragging = useFileDrop();

  return (
    <div className="app">
      <Sidebar />
      <div className="workspace">
        <TopBar />
        <Banners />
        {page === 'settings' ? (
          <SettingsView />
        ) : (
          <div className="workspace__body">
            <main className="library" aria-label="Sessions">
              <BulkActionBar />
              <ActiveFilters />
              <LibraryContent />
            </main>
            <DetailPanel />
          </div>
        )}
      </div>
      <Toasts />
      <ImportDialog />
      <ContextMenu />
      <ConfirmDialog />
      <DropOverlay active={dragging} />
    </div>
  );
}
