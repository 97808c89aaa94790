import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { FolderScanProject, FolderScanResult } from '../../../../shared/ipc';
import { plural } from '../../lib/labels';
import { KindBadge } from '../session/KindBadge';
import { RelativeTime } from '../session/RelativeTime';

const ROW_HEIGHT = 34;

interface ProjectListProps {
  scan: FolderScanResult;
  chosen: Set<string>;
  expanded: Set<string>;
  toggle(path: string): void;
  toggleVersions(newest: string): void;
}

/**
 * The scan's projects, one row each (virtualised: a folder may hold thousands). The older versions
 * of a song follow its newest version in the scan's order; they are shown only when the newest's
 * row is expanded.
 */
export function ImportProjectList({ scan, chosen, expanded, toggle, toggleVersions }: ProjectListProps) {
  const olderVersions = useMemo(() => countOlderVersions(scan.projects), [scan.projects]);
  const rows = useMemo(
    () =>
      scan.projects.filter((project) => project.versionOf === undefined || expanded.has(project.versionOf)),
    [scan.projects, expanded],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- read during render on purpose, as in SessionList.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div className="import-review__list" ref={scrollRef} data-testid="import-projects">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const project = rows[item.index]!;
          return (
            <ProjectRow
              key={project.path}
              root={scan.root}
              project={project}
              chosen={chosen.has(project.path)}
              olderVersions={olderVersions.get(project.path) ?? 0}
              expanded={expanded.has(project.path)}
              top={item.start}
              toggle={toggle}
              toggleVersions={toggleVersions}
            />
          );
        })}
      </div>
    </div>
  );
}

function ProjectRow({
  root,
  project,
  chosen,
  olderVersions,
  expanded,
  top,
  toggle,
  toggleVersions,
}: {
  root: string;
  project: FolderScanProject;
  chosen: boolean;
  olderVersions: number;
  expanded: boolean;
  top: number;
  toggle(path: string): void;
  toggleVersions(newest: string): void;
}) {
  const isOlderVersion = project.versionOf !== undefined;
  return (
    <div
      className="import-row"
      data-testid="import-project"
      data-in-library={project.inLibrary}
      data-path={project.path}
      data-older-version={isOlderVersion}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      title={project.path}
    >
      <label className="import-row__pick">
        <input
          type="checkbox"
          disabled={project.inLibrary}
          checked={!project.inLibrary && chosen}
          onChange={() => toggle(project.path)}
        />
        <KindBadge kind={project.kind} />
        {/* Long paths lose their start, not the project's name; the text itself stays left to right. */}
        <span className="import-row__path">
          <span dir="ltr">{relativeTo(root, project.path)}</span>
        </span>
      </label>
      {project.mtimeMs !== undefined && <SavedAt mtimeMs={project.mtimeMs} />}
      {project.inLibrary ? (
        <span className="import-row__known">In library</span>
      ) : (
        project.reason !== undefined && (
          <span className="import-row__reason" data-testid="import-reason">
            {project.reason}
          </span>
        )
      )}
      {olderVersions > 0 && (
        <button
          type="button"
          className="button button--ghost button--small import-row__versions"
          data-testid="import-versions-toggle"
          aria-expanded={expanded}
          onClick={() => toggleVersions(project.path)}
        >
          {expanded ? '▾' : '▸'} {plural(olderVersions, 'older version')}
        </button>
      )}
    </div>
  );
}

function SavedAt({ mtimeMs }: { mtimeMs: number }) {
  return (
    <span className="import-row__date">
      <RelativeTime iso={new Date(mtimeMs).toISOString()} />
    </span>
  );
}

/** How many older versions are listed under each newest version. */
function countOlderVersions(projects: readonly FolderScanProject[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const project of projects) {
    if (project.versionOf !== undefined)
      counts.set(project.versionOf, (counts.get(project.versionOf) ?? 0) + 1);
  }
  return counts;
}

function relativeTo(root: string, path: string): string {
  return path.startsWith(root) ? path.slice(root.length).replace(/^[\\/]/, '') : path;
}
