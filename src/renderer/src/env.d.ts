/// <reference types="vite/client" />

interface GopsyHostBridge {
  connect(): void;
}

interface Window {
  /** Present only in the Electron window (exposed by the preload). */
  gopsyHost?: GopsyHostBridge;
}
