// The Electron entry: the desktop app, or headless mode with `--headless` (the packaged app's
// `sessiondock --headless`, the same as `npm run headless`). All product logic lives in ./core.
// Both are imported statically and started synchronously: Electron expects what must happen
// before `ready` (the single-instance lock, privileged schemes, app paths) in the entry's own turn.
import { startDesktop } from './app/desktop-app';
import { runHeadlessFromProcess } from './headless-run';

if (process.argv.includes('--headless')) runHeadlessFromProcess();
else startDesktop();
