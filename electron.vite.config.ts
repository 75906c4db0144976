import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three Node entries share the services: the Electron main process, the browser host and the CLI.
// node-pty and ws are dependencies, so electron-vite keeps them external (never bundle a native addon).
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          cli: resolve('src/cli/index.ts'),
          // ssa.html is parsed in a worker thread: src/main/services/ssa/parseHtmlFile.ts finds it here.
          ssaWorker: resolve('src/main/services/ssa/parseWorker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload can only require('electron'): bundle everything into one CommonJS file.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
      chunkSizeWarningLimit: 8000,
    },
    worker: { format: 'es' },
  },
});
