import { stat } from 'node:fs/promises';
import { AppError, invalidInput, projectUnavailable } from '../../../shared/errors';
import type { Logger, Opener, WindowFocus } from '../adapters';
import type { SessionsService } from '../sessions/sessions-service';

export interface AutomationResult {
  id: string;
  opened: boolean;
  focused: boolean;
}

/** How many paths one existence check may ask about (the window checks what it shows). */
export const MAX_CHECKED_PATHS = 1000;

/**
 * A session's project on disk (opening it in its DAW, revealing it, whether it is still there) and
 * bringing the SessionDock window forward. Project files are only ever looked at.
 */
export class AutomationService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly opener: Opener | null,
    private readonly windowFocus: WindowFocus | null,
    private readonly logger: Logger,
  ) {}

  /** Launches the project with the OS handler for it and records `lastOpened`. */
  async open(id: unknown): Promise<AutomationResult> {
    const session = this.sessions.get(id);
    const path = session.projectPath;
    if (!path || !(await exists(path))) throw projectUnavailable();
    if (!this.opener) throw new AppError('open_failed', 'No application is available to open the project.');
    try {
      await this.opener.openPath(path);
    } catch (error) {
      this.logger.warn('opening a project failed', { path, error: String(error) });
      throw new AppError('open_failed', 'No application could open the project.');
    }
    this.sessions.markOpened(session.id);
    return { id: session.id, opened: true, focused: false };
  }

  /**
   * Shows the project in the file manager through the shell's `revealPath` (false when nothing is
   * there any more). A session without a project path is refused like open.
   */
  async reveal(id: unknown, revealPath: (path: string) => Promise<boolean>): Promise<{ revealed: boolean }> {
    const path = this.sessions.get(id).projectPath;
    if (!path) throw projectUnavailable();
    return { revealed: await revealPath(path) };
  }

  /** Which of these paths exist on disk (the window's missing-project indicator), keyed as given. */
  async checkPaths(paths: unknown): Promise<Record<string, boolean>> {
    if (
      !Array.isArray(paths) ||
      paths.length > MAX_CHECKED_PATHS ||
      paths.some((path) => typeof path !== 'string')
    ) {
      throw invalidInput(`paths must be an array of at most ${MAX_CHECKED_PATHS} strings`);
    }
    const found = await Promise.all((paths as string[]).map((path) => exists(path)));
    return Object.fromEntries(paths.map((path: string, index) => [path, found[index]!]));
  }

  /** Shows, restores and focuses the window and selects the session in it. */
  async focus(id: unknown): Promise<AutomationResult> {
    const session = this.sessions.get(id);
    if (!this.windowFocus) throw new AppError('focus_unavailable', 'Session focus is unavailable.');
    if (!(await this.windowFocus.focusSession(session.id))) {
      throw new AppError('focus_failed', 'main window unavailable');
    }
    return { id: session.id, opened: false, focused: true };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
