import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import type { Logger, Opener, WindowFocus } from '../adapters';
import type { SessionsService } from '../sessions/sessions-service';

export interface AutomationResult {
  id: string;
  opened: boolean;
  focused: boolean;
}

/** Opening a session's project in its DAW and bringing the SessionDock window forward. */
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
    if (!path || !(await exists(path))) {
      throw new AppError('open_failed', 'Session project path is unavailable.');
    }
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
