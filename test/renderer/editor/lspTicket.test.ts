// The editor's tickets against a real gopls (a real backend on a copy of the sample): a hover answered
// after the user edited the file, after they moved on (Monaco cancels: cursor moved, another file
// opened) or after the model was disposed is dropped, and the cancel reaches gopls (lsp.cancel);
// the same request left alone is applied.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import type { GopsyApi } from '../../../src/shared/api';
import type { RpcClient } from '../../../src/shared/rpc';
import { askWithTicket, type TicketModel, type TicketToken } from '../../../src/renderer/src/panels/editor/lspTicket';
import { connectedBackend, copySample, makeTemp, removeTemp } from '../../support/backend';

/** A text model's version and disposal, as Monaco keeps them (an edit bumps the version). */
class Model implements TicketModel {
  version = 1;
  disposed = false;
  getVersionId = () => this.version;
  isDisposed = () => this.disposed;
}

/** A cancellation token as Monaco's CancellationTokenSource gives it. */
class Token implements TicketToken {
  isCancellationRequested = false;
  private listeners: Array<() => void> = [];
  onCancellationRequested(l: () => void) {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  }
  cancel() {
    this.isCancellationRequested = true;
    for (const l of this.listeners) l();
  }
}

describe('late gopls answers in the editor', () => {
  let temp: string;
  let storage: string;
  let backend: Backend;
  let api: RpcClient;
  /** The contract as the editor uses it, with the methods it called (in order). */
  let editorApi: GopsyApi;
  const calls: string[] = [];
  const problems: Array<string | null> = [];
  let at: { line: number; character: number };

  beforeAll(async () => {
    const copy = await copySample('lsp-ticket');
    temp = copy.temp;
    storage = await makeTemp('lsp-ticket-storage');
    ({ backend, api } = await connectedBackend(storage, copy.project));
    editorApi = Object.create(api) as GopsyApi;
    editorApi.call = ((method: string, params: unknown) => (calls.push(method), (api.call as (m: string, p: unknown) => Promise<unknown>)(method, params))) as GopsyApi['call'];
    const lines = (await readFile(path.join(copy.project, 'main.go'), 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('store.New()'));
    at = { line, character: lines[line]!.indexOf('store.New()') + 'store.'.length };
  });
  afterAll(async () => {
    await backend?.shutdown();
    await removeTemp(temp);
    await removeTemp(storage);
  });

  const hover = (model: Model, token: Token, meanwhile: () => void) =>
    askWithTicket(editorApi, (p) => problems.push(p), model, token, (ticket) => {
      const answer = editorApi.call('lsp.hover', { path: 'main.go', position: at, ticket });
      meanwhile(); // what the user does while gopls works
      return answer;
    });

  it('applies an answer nobody moved on from', async () => {
    const res = await hover(new Model(), new Token(), () => {});
    expect(res?.text).toContain('func store.New() *store.Store');
    expect(problems.at(-1)).toBeNull();
  });

  it('drops the answer when the file was edited before it came', async () => {
    const model = new Model();
    // gopls does answer (the request was not cancelled), but for the text before the edit.
    let answered: unknown;
    const res = await askWithTicket(editorApi, (p) => problems.push(p), model, new Token(), async (ticket) => {
      const p = editorApi.call('lsp.hover', { path: 'main.go', position: at, ticket });
      model.version++;
      answered = await p;
      return answered;
    });
    expect(answered).not.toBeNull();
    expect(res).toBeUndefined();
  });

  it('cancels the request in gopls and drops its answer when the user moved on', async () => {
    calls.length = 0;
    const token = new Token();
    const res = await hover(new Model(), token, () => token.cancel());
    expect(res).toBeUndefined();
    expect(calls).toEqual(['lsp.hover', 'lsp.cancel']);
  });

  it('drops the answer for a model disposed meanwhile (another file replaced it)', async () => {
    const model = new Model();
    expect(await hover(model, new Token(), () => (model.disposed = true))).toBeUndefined();
    expect(problems.filter((p) => p !== null)).toEqual([]);
  });
});
