// `npm run headless -- …` (and the built out/main/headless.js): the library and the Local API
// under plain Node, no window. The Electron entry (index.ts) runs the same with `--headless`.
import { runHeadlessFromProcess } from './headless-run';

runHeadlessFromProcess();
