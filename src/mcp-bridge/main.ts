// sessiondock-mcp: MCP over stdio for clients that cannot speak Streamable HTTP. Plain Node (≥ 22.12,
// or the packaged app's binary with ELECTRON_RUN_AS_NODE=1), Node's built-ins only: electron-vite
// bundles it into out/main/sessiondock-mcp.js. See README.md beside this file.
import { createInterface } from 'node:readline';
import { Bridge } from './bridge';
import { BRIDGE_USAGE, BridgeUsageError, parseBridgeArgs, type BridgeOptions } from './options';

/** After stdin closes, answers still on their way get this long before the bridge exits anyway. */
const DRAIN_MS = 10_000;

function run(options: BridgeOptions): void {
  const log = (line: string): void => {
    process.stderr.write(`sessiondock-mcp: ${line}\n`);
  };
  // The client went away: nothing left to answer.
  process.stdout.on('error', () => process.exit(0));
  const bridge = new Bridge(options, {
    send: (message) => process.stdout.write(`${JSON.stringify(message)}\n`),
    log,
  });
  log(`forwarding MCP on stdin/stdout to ${options.url.href}, with the token in ${options.tokenPath}`);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => bridge.accept(line));
  lines.once('close', () => {
    setTimeout(() => process.exit(0), DRAIN_MS).unref();
    void bridge.drain().then(() => process.stdout.write('', () => process.exit(0)));
  });
}

function main(argv: string[]): void {
  let options: BridgeOptions | 'help';
  try {
    options = parseBridgeArgs(argv);
  } catch (error) {
    if (!(error instanceof BridgeUsageError)) throw error;
    process.stderr.write(`sessiondock-mcp: ${error.message}\n\n${BRIDGE_USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${BRIDGE_USAGE}\n`);
    return;
  }
  run(options);
}

main(process.argv.slice(2));
