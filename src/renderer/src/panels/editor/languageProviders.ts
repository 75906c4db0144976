// Go to definition (and peek), references, hover and the outline of Go files, answered by the open
// project's gopls through the contract (lsp.*), so both hosts work. Registered once per window.
// A request the user has moved on from (Monaco cancelled it, or the text changed meanwhile) is cancelled
// in gopls and its late answer is dropped. Jumps to another file go through the app's openFile, and
// are recorded for Go Back / Go Forward.
import type { GopsyApi } from '../../../../shared/api';
import type { LspDocumentSymbol, LspLocation, LspRange } from '../../../../shared/contract/lsp';
import { utf16ColumnToByte } from '../../../../core/locations';
import { monaco } from './monaco';
import { languageOf, modelUri, pathOfUri } from './editorUri';
import { NavigationHistory, type Place } from './navigationHistory';
import { plainMarkdown } from './plainMarkdown';
import { askWithTicket } from './lspTicket';

export interface NavigationHost {
  api: GopsyApi;
  /** Opens a file in the editor at a place (the app's openFile). */
  open(path: string, at: { line: number; byteColumn: number }): Promise<void>;
  /** gopls failed (missing, crashed: the message says what to do), or answered again (null). */
  problem(message: string | null): void;
}

/** Peek and references open models for at most this many files. */
const MAX_PEEK_FILES = 40;
/** Edits are sent to gopls after this pause in typing. */
const SYNC_DELAY_MS = 300;

export const toMonacoRange = (r: LspRange): monaco.IRange => ({
  startLineNumber: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLineNumber: r.end.line + 1,
  endColumn: r.end.character + 1,
});
const toLsp = (p: monaco.IPosition) => ({ line: p.lineNumber - 1, character: p.column - 1 });

/** A fence longer than any run of backticks in text: what gopls wrote is shown as text, never markup. */
function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

export interface LanguageProviders {
  dispose(): void;
  history: NavigationHistory;
  goBack(): void;
  goForward(): void;
  /** Opens a place (quick open, a symbol), recorded for Go Back; line and column are Monaco's (1-based). */
  jump(path: string, line: number, column: number): Promise<void>;
}

export function registerLanguageProviders(host: NavigationHost): LanguageProviders {
  const { api } = host;
  const history = new NavigationHistory();
  const loading = new Map<string, Promise<monaco.editor.ITextModel | null>>();

  /** The model of a file, read through the contract when no editor holds it yet (peek needs one). */
  const ensureModel = (path: string): Promise<monaco.editor.ITextModel | null> => {
    const uri = modelUri(path);
    const existing = monaco.editor.getModel(uri);
    if (existing) return Promise.resolve(existing);
    let p = loading.get(path);
    if (!p) {
      p = api
        .call('workspace.readFile', { path })
        .then((f) => monaco.editor.getModel(uri) ?? monaco.editor.createModel(f.text, languageOf(path), uri))
        .catch(() => null)
        .finally(() => loading.delete(path));
      loading.set(path, p);
    }
    return p;
  };

  const ask = <T,>(model: monaco.editor.ITextModel, token: monaco.CancellationToken, call: (ticket: string) => Promise<T>) =>
    askWithTicket(api, host.problem, model, token, call);

  const toLocations = async (locations: LspLocation[] | undefined): Promise<monaco.languages.Location[]> => {
    const files = [...new Set((locations ?? []).map((l) => l.path))].slice(0, MAX_PEEK_FILES);
    const models = new Set((await Promise.all(files.map(ensureModel))).filter((m) => m !== null).map((m) => m.uri.toString()));
    return (locations ?? [])
      .map((l) => ({ uri: modelUri(l.path), range: toMonacoRange(l.range) }))
      .filter((l) => models.has(l.uri.toString()));
  };

  const ours = (model: monaco.editor.ITextModel) => model.uri.scheme === 'gopsy';

  const toSymbol = (s: LspDocumentSymbol): monaco.languages.DocumentSymbol => ({
    name: s.name,
    detail: s.detail ?? '',
    kind: (s.kind - 1) as monaco.languages.SymbolKind, // LSP counts from 1, Monaco from 0
    tags: [],
    range: toMonacoRange(s.range),
    selectionRange: toMonacoRange(s.selectionRange),
    ...(s.children ? { children: s.children.map(toSymbol) } : {}),
  });

  const placeOf = (editor: monaco.editor.ICodeEditor): Place | null => {
    const model = editor.getModel();
    const pos = editor.getPosition();
    return model && pos ? { path: pathOfUri(model.uri), line: pos.lineNumber, column: pos.column } : null;
  };
  const byteColumnAt = (place: Place) => {
    const model = monaco.editor.getModel(modelUri(place.path));
    const line = model && place.line <= model.getLineCount() ? model.getLineContent(place.line) : '';
    return line ? utf16ColumnToByte(line, place.column) : place.column;
  };
  const go = (place: Place | null): void => {
    if (place) void host.open(place.path, { line: place.line, byteColumn: byteColumnAt(place) });
  };

  // Edits reach gopls (didOpen/didChange) a moment after typing stops; closing a model closes the file.
  const synced = new Set<string>();
  const watchModel = (model: monaco.editor.ITextModel) => {
    if (!ours(model) || model.getLanguageId() !== 'go') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const path = pathOfUri(model.uri);
    model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (model.isDisposed()) return;
        synced.add(path);
        void api.call('lsp.sync', { path, text: model.getValue() }).catch(() => {});
      }, SYNC_DELAY_MS);
    });
    model.onWillDispose(() => {
      clearTimeout(timer);
      if (synced.delete(path)) void api.call('lsp.close', { path }).catch(() => {});
    });
  };
  monaco.editor.getModels().forEach(watchModel);

  const disposables: monaco.IDisposable[] = [
    monaco.editor.onDidCreateModel(watchModel),
    monaco.languages.registerDefinitionProvider('go', {
      provideDefinition: async (model, position, token) => {
        if (!ours(model)) return undefined;
        const path = pathOfUri(model.uri);
        return toLocations(await ask(model, token, (ticket) => api.call('lsp.definition', { path, position: toLsp(position), ticket })));
      },
    }),
    monaco.languages.registerReferenceProvider('go', {
      provideReferences: async (model, position, context, token) => {
        if (!ours(model)) return undefined;
        const path = pathOfUri(model.uri);
        const refs = await ask(model, token, (ticket) =>
          api.call('lsp.references', { path, position: toLsp(position), includeDeclaration: context.includeDeclaration, ticket }),
        );
        return toLocations(refs);
      },
    }),
    monaco.languages.registerHoverProvider('go', {
      provideHover: async (model, position, token) => {
        if (!ours(model)) return undefined;
        const path = pathOfUri(model.uri);
        const hover = await ask(model, token, (ticket) => api.call('lsp.hover', { path, position: toLsp(position), ticket }));
        if (!hover) return undefined;
        // gopls puts the declaration first, then a blank line and the doc comment.
        const [decl = '', ...doc] = hover.text.split('\n\n');
        const contents = [{ value: fenced(decl, 'go') }, ...(doc.length ? [{ value: plainMarkdown(doc.join('\n\n')) }] : [])];
        return { contents, ...(hover.range ? { range: toMonacoRange(hover.range) } : {}) };
      },
    }),
    monaco.languages.registerDocumentSymbolProvider('go', {
      displayName: 'gopls',
      provideDocumentSymbols: async (model, token) => {
        if (!ours(model)) return undefined;
        const path = pathOfUri(model.uri);
        return (await ask(model, token, (ticket) => api.call('lsp.documentSymbols', { path, ticket })))?.map(toSymbol);
      },
    }),
    // A jump into another file (definition, peek's "open", a reference): opened by the app, recorded.
    monaco.editor.registerEditorOpener({
      openCodeEditor: (source, resource, selectionOrPosition) => {
        if (resource.scheme !== 'gopsy') return false;
        const from = placeOf(source);
        if (from) history.record(from);
        const at = !selectionOrPosition
          ? { lineNumber: 1, column: 1 }
          : 'startLineNumber' in selectionOrPosition
            ? { lineNumber: selectionOrPosition.startLineNumber, column: selectionOrPosition.startColumn }
            : selectionOrPosition;
        go({ path: pathOfUri(resource), line: at.lineNumber, column: at.column });
        return true;
      },
    }),
  ];

  let lastEditor: monaco.editor.ICodeEditor | null = null;
  disposables.push(monaco.editor.onDidCreateEditor((e) => (lastEditor = e)));
  const current = () => {
    const focused = monaco.editor.getEditors().find((e) => e.hasTextFocus()) ?? lastEditor ?? monaco.editor.getEditors()[0];
    return focused ? placeOf(focused) : null;
  };
  const goBack = () => go(history.goBack(current()));
  const goForward = () => go(history.goForward(current()));
  disposables.push(
    monaco.editor.addEditorAction({
      id: 'gopsy.navigateBack',
      label: 'Go Back',
      keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.LeftArrow],
      contextMenuGroupId: 'navigation',
      contextMenuOrder: 100,
      run: goBack,
    }),
    monaco.editor.addEditorAction({
      id: 'gopsy.navigateForward',
      label: 'Go Forward',
      keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.RightArrow],
      run: goForward,
    }),
  );
  const jump = async (path: string, line: number, column: number) => {
    const from = current();
    if (from) history.record(from);
    await ensureModel(path);
    go({ path, line, column });
  };
  return { dispose: () => disposables.forEach((d) => d.dispose()), history, goBack, goForward, jump };
}
