// One running gopls for one project folder: started on stdio, initialized, told which files the editor
// holds (didOpen/didChange/didClose), asked requests that can be cancelled, and ended with its whole
// process tree (gopls runs `go list` and `go env` below it). Its stderr goes to the project's gopls log (goplsLog.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { childEnv } from '../go/run';
import { killTree } from '../processTree';
import { JsonRpcConnection } from './jsonRpc';

const SHUTDOWN_MS = 3000;

export const languageIdOf = (file: string): string | null =>
  file.endsWith('.go') ? 'go' : file.endsWith('/go.mod') ? 'go.mod' : file.endsWith('/go.work') ? 'go.work' : null;

export class GoplsProcess {
  private readonly child: ChildProcess;
  readonly rpc: JsonRpcConnection;
  /** Why it ended (exit code or signal), once it has. */
  exited: string | null = null;
  private readonly versions = new Map<string, number>();
  readonly ready: Promise<void>;
  private readonly exitedPromise: Promise<void>;

  constructor(
    gopls: string,
    readonly root: string,
    onExit: (why: string) => void,
    /** gopls's stderr, as it comes (its log tab). */
    onStderr: (text: string) => void = () => {},
  ) {
    this.child = spawn(gopls, ['serve'], { cwd: root, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.rpc = new JsonRpcConnection(this.child.stdout!, this.child.stdin!, (method, params) => this.answer(method, params));
    this.child.stdin!.on('error', () => {}); // a write after gopls died; the exit handler reports it
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', onStderr);
    this.exitedPromise = new Promise((resolve) => {
      const done = (why: string) => {
        if (this.exited) return;
        this.exited = why;
        this.rpc.close(new Error(why));
        onExit(why);
        resolve();
      };
      this.child.on('error', (err) => done(`gopls could not start: ${err.message}`));
      this.child.on('exit', (code, signal) => done(signal ? `gopls was ended by ${signal}` : `gopls exited with code ${code}`));
    });
    this.ready = this.initialize();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private async initialize(): Promise<void> {
    const rootUri = pathToFileURL(this.root).href;
    await this.rpc.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'gopsy' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'project' }],
      initializationOptions: { linksInHover: false },
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        textDocument: {
          synchronization: { didSave: false },
          hover: { contentFormat: ['plaintext'] },
          definition: { linkSupport: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
        workspace: { configuration: true, workspaceFolders: true, symbol: {} },
      },
    });
    this.rpc.notify('initialized', {});
  }

  /** gopls's own requests: settings (defaults), progress tokens and registrations are accepted. */
  private answer(method: string, params: unknown): unknown {
    if (method === 'workspace/configuration') {
      const items = (params as { items?: unknown[] } | null)?.items ?? [];
      return items.map(() => ({}));
    }
    if (method === 'workspace/workspaceFolders') return [{ uri: pathToFileURL(this.root).href, name: 'project' }];
    return null;
  }

  isOpen(uri: string): boolean {
    return this.versions.has(uri);
  }

  /** The editor's text of a file: didOpen the first time, didChange (whole text) after. */
  sync(uri: string, languageId: string, text: string): void {
    const version = (this.versions.get(uri) ?? 0) + 1;
    if (version === 1) this.rpc.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    else this.rpc.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    this.versions.set(uri, version);
  }

  close(uri: string): void {
    if (!this.versions.delete(uri)) return;
    this.rpc.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Asks gopls to shut down and exit, then ends whatever is left of its process tree. */
  async stop(): Promise<void> {
    if (!this.exited) {
      const timeout = new Promise((r) => setTimeout(r, SHUTDOWN_MS));
      await Promise.race([this.rpc.request('shutdown', null).catch(() => {}), timeout]);
      this.rpc.notify('exit', null);
      await Promise.race([this.exitedPromise, new Promise((r) => setTimeout(r, SHUTDOWN_MS))]);
    }
    if (this.child.pid) await killTree(this.child.pid);
  }
}
