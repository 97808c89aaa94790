/** Shown while project files are dragged over the window. */
export function DropOverlay({ active }: { active: boolean }) {
  if (!active) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__card">
        <p className="drop-overlay__title">Drop to add sessions</p>
        <p className="drop-overlay__text">Each project file becomes a session, titled after the file.</p>
      </div>
    </div>
  );
}
