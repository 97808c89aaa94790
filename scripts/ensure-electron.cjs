// `npm run dev`, first step: make sure the Electron binary is there (downloading it if needed)
// before electron-vite starts it, or say clearly why the desktop app cannot run here.
'use strict';
require('./electron-binary.cjs').electronOrExit();
