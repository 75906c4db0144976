import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three Node entries share the services: the Electron main process, the browser host and the CLI.
// Dependencies stay external (never bundle a native addon); node-pty is an optional dependency (so that
// a missing C++ toolchain gets one clear line at install), which electron-vite does not externalize by itself.
export default defineConfig({
  main: {
    build: {
      // zod is bundled so that only the parts gopsy uses are loaded: as an external package it loads
      // its 40-odd locales on every start (about 30 ms of `gopsy capture`'s start, see docs/build-capture.md).
      externalizeDeps: { exclude: ['zod'], include: ['node-pty'] },
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          cli: resolve('src/cli/index.ts'),
          // ssa.html is parsed in a worker thread: src/main/services/ssa/parseHtmlFile.ts finds it here.
          ssaWorker: resolve('src/main/services/ssa/parseWorker.ts'),
          // so are the build answers' inputs (cachehash.txt, SSA pass times): src/main/services/runs/answersThread.ts.
          answersWorker: resolve('src/main/services/runs/answersWorker.ts'),
        },
        // Shared chunks sit next to the entries, so that __dirname is out/main in every module (the CLI
        // loads each command's chunk on demand, and they find the renderer and the sample from there).
        output: { chunkFileNames: '[name]-[hash].js' },
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
