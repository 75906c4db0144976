/// <reference types="vite/client" />

interface GopsyHostBridge {
  connect(): void;
  /** The path of a file dropped onto the window (Electron's webUtils.getPathForFile); '' when it has none. */
  pathForFile?(file: File): string;
}

interface Window {
  /** Present only in the Electron window (exposed by the preload). */
  gopsyHost?: GopsyHostBridge;
}
