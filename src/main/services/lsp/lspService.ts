// Code navigation for the open project through one real gopls: started on first use, ended when another
// project opens and on shutdown, started again after it crashed (a few times, then a clear message).
// Paths go in as the editor's paths and come back as paths the editor may open (project-relative, or
// absolute under GOROOT and the module cache with their origin); positions are LSP's (UTF-16).
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GoplsInfo, LspDocumentSymbol, LspLocation, LspRange, LspStatus, LspWorkspaceSymbol } from '../../../shared/contract/lsp';
import { GopsyError } from '../../../shared/rpc';
import { detectGopls } from './goplsBinary';
import { GoplsProcess, languageIdOf } from './goplsProcess';
import { GoplsLog, type GoplsLogAppend } from './goplsLog';
import { LspRequestError, REQUEST_CANCELLED } from './jsonRpc';
import { MAX_EDITOR_FILE_BYTES, type Workspace } from '../workspace';

/** gopls may end this many times in one project before gopsy stops starting it again. */
export const MAX_GOPLS_RESTARTS = 3;
/** Workspace symbol answers beyond this are cut (gopls itself caps at 100 by default). */
const MAX_SYMBOLS = 500;

interface Position {
  line: number;
  character: number;
}
interface RawLocation {
  uri: string;
  range: LspRange;
}

export class LspService {
  private proc: GoplsProcess | null = null;
  private exits = 0;
  private problem: string | undefined;
  private gopls: Promise<GoplsInfo> | null = null;
  /** The editor's text of the files it synced (absolute path), replayed into a restarted gopls. */
  private readonly overlays = new Map<string, string>();
  private readonly tickets = new Map<string, { proc: GoplsProcess; id: number }>();

  constructor(
    private readonly workspace: () => Workspace | null,
    private readonly log: (message: string) => void,
    onLogAppend: (a: GoplsLogAppend) => void = () => {},
  ) {
    this.goplsLog = new GoplsLog(onLogAppend);
  }

  /** What the project's gopls wrote on stderr (across its restarts), for the gopls log tab. */
  readonly goplsLog: GoplsLog;

  async status(refresh = false): Promise<LspStatus> {
    if (refresh) {
      this.gopls = null;
      if (!this.proc || this.proc.exited) this.exits = 0;
    }
    const gopls = await this.info();
    const pid = this.proc && !this.proc.exited ? this.proc.pid : undefined;
    return { gopls, ...(pid ? { pid } : {}), ...(this.problem ? { problem: this.problem } : {}) };
  }

  /** The running gopls's process id (the bench reads its memory). */
  get pid(): number | undefined {
    return this.proc?.exited ? undefined : this.proc?.pid;
  }

  private info(): Promise<GoplsInfo> {
    this.gopls ??= detectGopls();
    return this.gopls;
  }

  /** The gopls of the open project, started (or started again) now if needed. */
  private async running(ws: Workspace): Promise<GoplsProcess> {
    if (this.proc && this.proc.root !== ws.root) await this.closeProject();
    if (this.proc && !this.proc.exited) {
      await this.proc.ready;
      return this.proc;
    }
    if (this.exits >= MAX_GOPLS_RESTARTS) {
      throw new GopsyError('gopls-failed', `${this.problem ?? 'gopls ended'}; it ended ${this.exits} times in this project, so gopsy does not start it again (see its log; Retry in the status line starts it).`);
    }
    const info = await this.info();
    if (!info.ok || !info.path) throw new GopsyError('gopls-missing', info.problem ?? 'gopls is not installed.');
    const proc = new GoplsProcess(info.path, ws.root, (why) => {
      if (this.proc !== proc) return;
      this.exits++;
      this.problem = `${why} (gopsy starts it again on the next request)`;
      this.log(`gopls for ${ws.root}: ${why}`);
      this.goplsLog.note(why);
    }, (text) => this.goplsLog.append(text));
    this.proc = proc;
    this.goplsLog.note(`started gopls${info.version ? ` v${info.version.replace(/^v/, '')}` : ''} serve (pid ${proc.pid ?? '?'}) in ${ws.root}`);
    try {
      await proc.ready;
    } catch (err) {
      throw new GopsyError('gopls-failed', `gopls did not start: ${proc.exited ?? (err as Error).message}`);
    }
    this.problem = undefined;
    return proc;
  }

  /** Makes sure gopls holds the file (the editor's text when it sent one, else the file on disk). */
  private async document(ws: Workspace, p: string): Promise<{ proc: GoplsProcess; uri: string } | null> {
    const file = await ws.resolveReadable(p);
    const languageId = languageIdOf(file.abs);
    if (!languageId) return null;
    const proc = await this.running(ws);
    const uri = pathToFileURL(file.abs).href;
    if (!proc.isOpen(uri)) {
      let text = this.overlays.get(file.abs);
      if (text === undefined) {
        const buf = await readFile(file.abs);
        if (buf.length > MAX_EDITOR_FILE_BYTES || buf.includes(0)) return null;
        text = buf.toString('utf8');
      }
      proc.sync(uri, languageId, text);
    }
    return { proc, uri };
  }

  async sync(p: string, text: string): Promise<void> {
    const ws = this.requireWorkspace();
    const file = await ws.resolveReadable(p);
    const languageId = languageIdOf(file.abs);
    if (!languageId) return;
    this.overlays.set(file.abs, text);
    const proc = await this.running(ws);
    proc.sync(pathToFileURL(file.abs).href, languageId, text);
  }

  async close(p: string): Promise<void> {
    const ws = this.requireWorkspace();
    const file = await ws.resolveReadable(p);
    this.overlays.delete(file.abs);
    if (this.proc && !this.proc.exited) this.proc.close(pathToFileURL(file.abs).href);
  }

  cancel(ticket: string): void {
    const t = this.tickets.get(ticket);
    if (t) t.proc.rpc.cancel(t.id);
  }

  /** A request about a position (or a document); null when gopls was asked to drop it. */
  private async ask<T>(p: string, method: string, params: object, ticket?: string): Promise<T | null> {
    const ws = this.requireWorkspace();
    const doc = await this.document(ws, p);
    if (!doc) return null;
    return this.request<T>(doc.proc, method, { textDocument: { uri: doc.uri }, ...params }, ticket);
  }

  private async request<T>(proc: GoplsProcess, method: string, params: object, ticket?: string): Promise<T | null> {
    try {
      return await proc.rpc.request<T>(method, params, (id) => ticket && this.tickets.set(ticket, { proc, id }));
    } catch (err) {
      if (err instanceof LspRequestError && err.code === REQUEST_CANCELLED) return null;
      if (err instanceof LspRequestError) throw new GopsyError('gopls-error', `gopls: ${err.message}`);
      throw new GopsyError('gopls-failed', `${proc.exited ?? (err as Error).message}; gopsy starts it again on the next request.`);
    } finally {
      if (ticket) this.tickets.delete(ticket);
    }
  }

  /** Editor locations of gopls's locations; those outside the readable places are left out. */
  private async locations(ws: Workspace, raw: RawLocation[] | RawLocation | null): Promise<LspLocation[]> {
    const list = raw ? (Array.isArray(raw) ? raw : [raw]) : [];
    const out: LspLocation[] = [];
    for (const l of list) {
      if (!l.uri.startsWith('file:')) continue;
      const file = await ws.editorPath(fileURLToPath(l.uri));
      if (file) out.push({ path: file.path, range: l.range, ...(file.origin ? { origin: file.origin } : {}) });
    }
    return out;
  }

  async definition(p: string, position: Position, ticket?: string): Promise<LspLocation[]> {
    const ws = this.requireWorkspace();
    return this.locations(ws, await this.ask<RawLocation[]>(p, 'textDocument/definition', { position }, ticket));
  }

  async references(p: string, position: Position, includeDeclaration: boolean, ticket?: string): Promise<LspLocation[]> {
    const ws = this.requireWorkspace();
    const raw = await this.ask<RawLocation[]>(p, 'textDocument/references', { position, context: { includeDeclaration } }, ticket);
    return this.locations(ws, raw);
  }

  async hover(p: string, position: Position, ticket?: string): Promise<{ text: string; range?: LspRange } | null> {
    const raw = await this.ask<{ contents: { value: string } | string; range?: LspRange }>(p, 'textDocument/hover', { position }, ticket);
    if (!raw) return null;
    const text = typeof raw.contents === 'string' ? raw.contents : (raw.contents?.value ?? '');
    return text ? { text, ...(raw.range ? { range: raw.range } : {}) } : null;
  }

  async documentSymbols(p: string, ticket?: string): Promise<LspDocumentSymbol[]> {
    const raw = await this.ask<LspDocumentSymbol[]>(p, 'textDocument/documentSymbol', {}, ticket);
    const strip = (s: LspDocumentSymbol): LspDocumentSymbol => ({
      name: s.name,
      kind: s.kind,
      range: s.range,
      selectionRange: s.selectionRange ?? s.range,
      ...(s.detail ? { detail: s.detail } : {}),
      ...(s.children?.length ? { children: s.children.map(strip) } : {}),
    });
    return (raw ?? []).filter((s) => 'range' in s).map(strip);
  }

  async workspaceSymbols(query: string, ticket?: string): Promise<LspWorkspaceSymbol[]> {
    const ws = this.requireWorkspace();
    const proc = await this.running(ws);
    const raw = await this.request<Array<{ name: string; kind: number; containerName?: string; location: RawLocation }>>(
      proc,
      'workspace/symbol',
      { query },
      ticket,
    );
    const out: LspWorkspaceSymbol[] = [];
    for (const s of (raw ?? []).slice(0, MAX_SYMBOLS)) {
      const [location] = await this.locations(ws, s.location);
      if (location) out.push({ name: s.name, kind: s.kind, ...(s.containerName ? { containerName: s.containerName } : {}), location });
    }
    return out;
  }

  /** Ends the project's gopls (another project opened, or the backend shuts down). */
  async closeProject(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    this.exits = 0;
    this.problem = undefined;
    this.overlays.clear();
    this.tickets.clear();
    if (proc && !proc.exited) this.goplsLog.note('ending gopls: the project closed');
    await proc?.stop().catch((err: Error) => this.log(`gopls stop failed: ${err.message}`));
  }

  private requireWorkspace(): Workspace {
    const ws = this.workspace();
    if (!ws) throw new GopsyError('no-project', 'No project is open. Open a folder first.');
    return ws;
  }
}
