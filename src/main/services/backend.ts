// Wires the services to the contract: one Backend per host process, one RpcServer per connection.
// The Backend makes and owns every service, and ends them all on shutdown. Hosts (Electron main, the
// browser host) only provide transports and, optionally, native dialogs. Each feature contributes its
// handlers through a factory listed in connect() below; handlers see the services, never the Backend.
import path from 'node:path';
import type { EventName, EventPayload, HostInfo, WorkspaceState } from '../../shared/api';
import { GopsyError, RpcServer, type Handlers, type Transport } from '../../shared/rpc';
import { BinaryService } from './binary/binaryService';
import { binaryHandlers } from './binary/handlers';
import { LinesAsmService } from './binary/linesAsmService';
import { linesAsmHandlers } from './binary/linesAsmHandlers';
import { ConsoleService } from './consoles';
import type { ConnectionContext, HostDialogs, Services } from './connection';
import { ssaHandlers } from './ssa/handlers';
import { SsaService } from './ssa/ssaService';
import { SettingsStore } from './settings';
import { ToolchainService } from './toolchain';
import { Workspace, inspectFolder } from './workspace';
import { GOPSY_VERSION } from './version';
import { debugHandlers } from './debug/handlers';
import { runHandlers } from './runs/handlers';
import { RunService } from './runs/runService';
import { godebugHandlers } from './godebug/handlers';
import { BundleService } from './bundles/bundleService';
import { SessionService } from './bundles/liveSessions';
import { bundleHandlers } from './bundles/handlers';
import { BundleRunReplay } from './bundles/replayRuns';
import { BUNDLE_RUNS_DIR } from './bundles/runCache';
import { remarksHandlers } from './remarks/handlers';
import { RemarksService } from './remarks/remarksService';
import { compareHandlers } from './compare/handlers';
import { storageHandlers } from './storage/handlers';
import { LiveStorage } from './storage/liveStorage';
import { EditsService } from './edits/editsService';
import { editsHandlers } from './edits/handlers';
import { LspService } from './lsp/lspService';
import { lspHandlers } from './lsp/handlers';

export interface BackendOptions {
  host: HostInfo['host'];
  storageDir: string;
  /** The host's native dialogs (folder and bundle pickers); absent in the browser host. */
  dialogs?: HostDialogs;
  /** Told after a folder opened (the Electron host refreshes its Open Recent menu). */
  onFolderOpened?: (state: WorkspaceState) => void;
  log?: (message: string) => void;
}

export class Backend implements Services {
  readonly settings: SettingsStore;
  readonly toolchain = new ToolchainService();
  readonly runs: RunService;
  readonly ssa: SsaService;
  readonly remarks: RemarksService;
  readonly binaries: BinaryService;
  readonly linesAsm: LinesAsmService;
  readonly sessions: SessionService;
  readonly bundles = new BundleService();
  readonly replays: BundleRunReplay;
  readonly edits: EditsService;
  readonly dialogs: HostDialogs | null;
  readonly lsp: LspService;
  /** Made on first use (the first connection): it polls and writes the in-use ledger, and follows the runs. */
  private liveStorage: LiveStorage | null = null;
  private workspace: Workspace | null = null;
  private readonly connections = new Set<{ rpc: RpcServer; cleanups: Array<() => void | Promise<void>> }>();

  constructor(private readonly opts: BackendOptions) {
    this.settings = new SettingsStore(opts.storageDir);
    this.runs = new RunService(opts.storageDir);
    this.ssa = new SsaService(opts.storageDir);
    this.remarks = new RemarksService(this.runs);
    this.binaries = new BinaryService(opts.storageDir);
    this.linesAsm = new LinesAsmService(opts.storageDir, this.runs, this.remarks);
    this.sessions = new SessionService(opts.storageDir);
    this.replays = new BundleRunReplay(this.bundles, path.join(opts.storageDir, BUNDLE_RUNS_DIR));
    this.edits = new EditsService(opts.storageDir);
    this.dialogs = opts.dialogs ?? null;
    this.lsp = new LspService(() => this.workspace, (m) => this.log(m), (a) => this.broadcast('lsp.logAppended', a));
  }

  /** The storage service with what this backend has in use; made by the first connection. */
  get storage(): LiveStorage {
    this.liveStorage ??= new LiveStorage({
      storageDir: this.storageDir,
      runs: this.runs,
      remarks: this.remarks,
      bundles: this.bundles,
      binaries: this.binaries,
      settings: this.settings,
      current: () => this.current?.root,
      broadcast: (event, payload) => this.broadcast(event, payload),
    });
    return this.liveStorage;
  }

  /** Tells every connected window. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const c of this.connections) c.rpc.emit(event, payload);
  }

  get storageDir(): string {
    return this.opts.storageDir;
  }

  get current(): WorkspaceState | null {
    return this.workspace?.state ?? null;
  }

  /** Opens a folder for every connected window, and remembers it. */
  async openFolder(folder: string): Promise<WorkspaceState> {
    const state = await inspectFolder(folder);
    this.workspace = new Workspace(state);
    void this.lsp.closeProject(); // the last project's gopls ends with it (no wait: it may take seconds)
    await this.settings.addRecentFolder(state.root).catch((err: Error) => this.log(`could not save settings: ${err.message}`));
    for (const c of this.connections) c.rpc.emit('workspace.changed', state);
    this.opts.onFolderOpened?.(state);
    return state;
  }

  requireWorkspace(): Workspace {
    if (!this.workspace) throw new GopsyError('no-project', 'No project is open. Open a folder first.');
    return this.workspace;
  }

  /** Serves the contract on one transport until it closes; what belongs to it ends with it. */
  connect(transport: Transport): void {
    const cleanups: Array<() => void | Promise<void>> = [];
    const consoles = new ConsoleService({
      data: (id, data) => rpc.emit('console.data', { id, data }),
      exit: (exit) => rpc.emit('console.exit', exit),
    });
    const ctx: ConnectionContext = {
      services: this,
      emit: (event, payload) => rpc.emit(event, payload),
      consoles,
      onClose: (cleanup) => cleanups.push(cleanup),
      log: (m) => this.log(m),
    };
    const handlers: Handlers = {
      ...this.workbenchHandlers(ctx),
      ...debugHandlers(ctx),
      ...runHandlers(ctx),
      ...godebugHandlers(ctx),
      ...ssaHandlers(ctx),
      ...binaryHandlers(ctx),
      ...linesAsmHandlers(ctx),
      ...bundleHandlers(ctx),
      ...remarksHandlers(ctx),
      ...compareHandlers(ctx),
      ...storageHandlers(ctx),
      ...editsHandlers(ctx),
      ...lspHandlers(ctx),
    };
    const rpc = new RpcServer(transport, handlers, (method, err) =>
      this.log(`${method} failed: ${(err as Error)?.stack ?? String(err)}`),
    );
    const conn = { rpc, cleanups };
    this.connections.add(conn);
    transport.onClose(() => {
      this.connections.delete(conn);
      for (const c of cleanups) void Promise.resolve(c()).catch((err: Error) => this.log(`cleanup failed: ${err.message}`));
      // The last window is gone: no build outlives it (the storage service's own subscription to the
      // runs does not count as a window).
      if (this.connections.size === 0) void this.runs.cancelAll().catch((err: Error) => this.log(`cancel failed: ${err.message}`));
    });
  }

  private workbenchHandlers(ctx: ConnectionContext) {
    const consoles = ctx.consoles;
    ctx.onClose(() => consoles.disposeAll());
    return {
      'host.info': () => ({ host: this.opts.host, version: GOPSY_VERSION, nativeDialogs: !!this.dialogs }),
      'workspace.current': () => this.current,
      'workspace.open': ({ path }) => this.openFolder(path),
      'workspace.pick': async () => {
        if (!this.dialogs) return null;
        const folder = await this.dialogs.pickFolder();
        return folder ? this.openFolder(folder) : null;
      },
      'workspace.recent': async () => (await this.settings.read()).recentFolders,
      'workspace.tree': () => this.requireWorkspace().tree(),
      'workspace.readFile': ({ path }) => this.requireWorkspace().readFile(path),
      'workspace.resolveLocation': async ({ path }) => {
        const rel = await this.requireWorkspace().resolveLocation(path);
        return rel ? { path: rel } : null;
      },
      'toolchain.info': ({ refresh }) => this.toolchain.info(refresh),
      'console.open': ({ preset, cols, rows, godebug }) => consoles.open(preset, this.requireWorkspace().root, cols, rows, godebug),
      'console.input': ({ id, data }) => (consoles.input(id, data), null),
      'console.resize': ({ id, cols, rows }) => (consoles.resize(id, cols, rows), null),
      'console.ack': ({ id, chars }) => (consoles.ack(id, chars), null),
      'console.stop': async ({ id }) => (await consoles.stop(id), null),
      'console.close': async ({ id }) => (await consoles.close(id), null),
    } satisfies Partial<Handlers>;
  }

  /** Ends every connection's processes, then the services' timers, files and subscriptions (quit). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.connections].flatMap((c) => c.cleanups.map((f) => Promise.resolve(f()))));
    await this.runs.cancelAll();
    await this.runs.closeAnswers();
    await this.lsp.closeProject();
    const storage = this.liveStorage;
    this.liveStorage = null;
    await storage?.close();
    this.bundles.closeAll();
    await this.bundles.settled(); // replayed bundle runs are removed from storage
  }

  private log(message: string): void {
    (this.opts.log ?? ((m: string) => console.error(`gopsy: ${m}`)))(message);
  }
}
