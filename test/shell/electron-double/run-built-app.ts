// Runs the BUILT app (out/main/index.js) with the Electron test double, from the command line:
//   node --import tsx test/shell/electron-double/run-built-app.ts [app arguments…]
// e.g. `--smoke-test` (what `npm run smoke:desktop` falls back to where Electron cannot run) or
// `--headless --data-dir DIR`. Exits with the app's exit code. Windows open in the system Chromium.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../e2e/chromium-args';
import { DOUBLE_CHROMIUM_ARGS, launchBuiltApp } from './load-built-main';

async function main(args: string[]): Promise<number> {
  const needsWindow = !args.includes('--headless');
  const browser = needsWindow
    ? await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [...CHROMIUM_ARGS, ...DOUBLE_CHROMIUM_ARGS],
      })
    : undefined;
  const appData =
    process.env.SESSIONDOCK_DOUBLE_APP_DATA ?? mkdtempSync(join(tmpdir(), 'sessiondock-double-'));
  const { electron } = await launchBuiltApp({ appData, browser, args });
  const code = await electron.exited;
  await browser?.close();
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`run-built-app: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
