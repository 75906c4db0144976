// What a feature's handlers get for one connection: the backend's services (typed, never the Backend
// itself), the connection's consoles and events. A leaf: it imports only types, so every handlers file
// may use it without an import circle.
import type { EventName, EventPayload, WorkspaceState } from '../../shared/api';
import type { BinaryService } from './binary/binaryService';
import type { LinesAsmService } from './binary/linesAsmService';
import type { BundleService } from './bundles/bundleService';
import type { SessionService } from './bundles/liveSessions';
import type { BundleRunReplay } from './bundles/replayRuns';
import type { ConsoleService } from './consoles';
import type { EditsService } from './edits/editsService';
import type { RemarksService } from './remarks/remarksService';
import type { RunService } from './runs/runService';
import type { SettingsStore } from './settings';
import type { SsaService } from './ssa/ssaService';
import type { LiveStorage } from './storage/liveStorage';
import type { LspService } from './lsp/lspService';
import type { ToolchainService } from './toolchain';
import type { Workspace } from './workspace';

/** The host's native dialogs (the Electron host has them; the browser host and the CLI do not). */
export interface HostDialogs {
  /** Open Folder: the project folder picked, or null when cancelled. */
  pickFolder(): Promise<string | null>;
  /** File ▸ Open Session: the bundle picked, or null. */
  pickBundle(): Promise<string | null>;
  /** File ▸ Save Session: where to write the bundle, or null. */
  saveBundle(defaultName: string): Promise<string | null>;
}

/** The backend's services, one of each per backend, shared by every connection. */
export interface Services {
  readonly storageDir: string;
  readonly settings: SettingsStore;
  readonly toolchain: ToolchainService;
  readonly runs: RunService;
  readonly ssa: SsaService;
  readonly remarks: RemarksService;
  readonly binaries: BinaryService;
  /** The instructions of source lines (binary.linesAsm). */
  readonly linesAsm: LinesAsmService;
  readonly sessions: SessionService;
  readonly bundles: BundleService;
  /** Opened bundles' build runs and SSA captures, extracted for replay. */
  readonly replays: BundleRunReplay;
  readonly storage: LiveStorage;
  /** Saves from the editor and their "before" (what changed). */
  readonly edits: EditsService;
  /** Code navigation through the open project's gopls. */
  readonly lsp: LspService;
  /** The host's native dialogs; null when it has none. */
  readonly dialogs: HostDialogs | null;
  /** The open project, if any. */
  readonly current: WorkspaceState | null;
  /** The open project; a `no-project` error when there is none. */
  requireWorkspace(): Workspace;
  /** Opens a folder for every connected window. */
  openFolder(folder: string): Promise<WorkspaceState>;
  /** Tells every connected window. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** What a feature's handlers get for one connection. */
export interface ConnectionContext {
  services: Services;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /**
   * The connection's console tabs: features may show their own processes there (adopt) and observe
   * the output (a tee), never replace it.
   */
  consoles: ConsoleService;
  /** Runs when the connection closes: end what belongs to it. */
  onClose(cleanup: () => void | Promise<void>): void;
  log(message: string): void;
}
