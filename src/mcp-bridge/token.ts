import { readFile } from 'node:fs/promises';
import { BridgeFailure } from './failure';

/**
 * The Local API token as the file holds it now (SessionDock replaces the file atomically on a
 * rotation). Never logged: failures name the file, not its content.
 */
export async function readToken(tokenPath: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(tokenPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new BridgeFailure(
        'token_missing',
        `There is no Local API token at ${tokenPath}. SessionDock writes it there when it starts: open ` +
          'SessionDock once, or point the bridge at the data folder of the SessionDock you run with ' +
          '--data-dir (the folder passed to headless mode as --data-dir).',
      );
    }
    throw new BridgeFailure(
      'token_unreadable',
      `The Local API token at ${tokenPath} cannot be read (${code ?? String(error)}): run the bridge as ` +
        'the user who runs SessionDock.',
    );
  }
  const token = text.trim();
  if (token === '' || /\s/.test(token)) {
    throw new BridgeFailure(
      'token_unreadable',
      `${tokenPath} does not hold a Local API token: SessionDock writes a new one when it starts or ` +
        'when you choose Settings → Local API → Rotate token.',
    );
  }
  return token;
}
