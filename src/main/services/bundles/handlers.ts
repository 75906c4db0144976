// The contract's session.* and bundle.* calls. Sessions follow the open project; bundles are shared
// by every connection of the backend.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Handlers } from '../../../shared/rpc';
import { GopsyError } from '../../../shared/rpc';
import type { Backend, ConnectionContext } from '../backend';
import { writeBundle, type PlannedEntry } from './bundleWriter';
import { planSave, previewSave, projectOf, type SaveChoice } from './savePlan';
import { debuggerState, projectRuns, projectSsaCaptures } from './sessionContent';
import { ssaServiceOf } from '../ssa/ssaHandlers';
import { runServiceOf } from '../runs/handlers';
import { inspectFolder } from '../workspace';
import { rerunCandidates, rerunProfile } from './rerun';
import { BundleUploads } from './uploads';
import { bundleGodebugHandlers } from './godebugHandlers';
import { bundleRunCacheOf, bundleRunDetail, listBundleRuns } from './replayRuns';
import type { WorkspaceState } from '../../../shared/api';

/** Re-run here only in a folder of the module the bundle was recorded on. */
function checkModule(ws: WorkspaceState, modulePath: string | undefined): void {
  if (!modulePath || ws.goMod?.path === modulePath) return;
  const holds = ws.goMod ? `holds the module ${ws.goMod.path}` : 'is not in a Go module';
  throw new GopsyError('module-mismatch', `${ws.root} ${holds}; the bundle was recorded on ${modulePath}. Pick a folder of that module.`);
}

async function sizeOf(e: PlannedEntry): Promise<number> {
  return 'file' in e.from ? (await stat(e.from.file)).size : e.from.bytes.length;
}

async function liveSession(backend: Backend) {
  const ws = backend.requireWorkspace().state;
  return { ws, session: await backend.sessions.forProject(ws.root, ws.name) };
}

/** Where to write: an absolute path ending in .gopsy whose folder exists. */
async function checkTarget(file: string): Promise<string> {
  if (!path.isAbsolute(file)) throw new GopsyError('bad-path', `Give the full path of the bundle to write (got ${file}).`);
  const target = file.endsWith('.gopsy') ? file : `${file}.gopsy`;
  const dir = await stat(path.dirname(target)).catch(() => null);
  if (!dir?.isDirectory()) throw new GopsyError('bad-path', `The folder ${path.dirname(target)} does not exist.`);
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isFile()) throw new GopsyError('bad-path', `${target} exists and is not a file.`);
  return target;
}

export function bundleHandlers(ctx: ConnectionContext) {
  const { backend } = ctx;
  // Drops in progress belong to the connection: a window that goes away leaves no partial file.
  const uploads = new BundleUploads(backend.storageDir);
  ctx.onClose(() => uploads.abortAll());
  const save = async (choice: SaveChoice & { layout?: Record<string, string | number | boolean | null> }) => {
    const { ws, session } = await liveSession(backend);
    if (choice.layout) await session.saveLayout(choice.layout);
    await backend.sessions.flushBeforeSave();
    const toolchain = await backend.toolchain.info();
    // The session collects by itself: its folder (notes, layout, GODEBUG captures), every build run
    // of the project, the SSA view's captures, and the debugger's breakpoints and configurations.
    const runs = runServiceOf(backend);
    const content = {
      project: projectOf(ws),
      sessionDir: session.dir,
      folders: [
        ...(await projectRuns(backend.storageDir, ws.root, (id) => runs.isRunning(id))),
        ...projectSsaCaptures(await ssaServiceOf(backend).captures(ws.root)),
      ],
      debuggerState: await debuggerState(backend.storageDir, ws.root),
    };
    return { ws, plan: await planSave(content, toolchain, choice) };
  };
  return {
    ...bundleGodebugHandlers(ctx),
    'session.current': async () => {
      if (!backend.current) return null;
      return (await liveSession(backend)).session.info();
    },
    'session.saveNotes': async (notes) => {
      await (await liveSession(backend)).session.saveNotes(notes);
      return null;
    },
    'session.saveLayout': async ({ layout }) => {
      await (await liveSession(backend)).session.saveLayout(layout);
      return null;
    },
    'session.preview': async (choice) => {
      const { ws, plan } = await save(choice);
      return previewSave(plan, sizeOf, ws.name);
    },
    'session.save': async ({ path: target, ...choice }) => {
      let file = target;
      if (!file) {
        const dialogs = backend.dialogs;
        if (!dialogs.saveBundle) throw new GopsyError('no-dialog', 'Give the path of the bundle to write.');
        const { ws } = await liveSession(backend);
        file = (await dialogs.saveBundle(`${ws.name}.gopsy`)) ?? undefined;
        if (!file) return null;
      }
      const out = await checkTarget(file);
      const { plan } = await save(choice);
      const res = await writeBundle(out, plan.entries, plan.header);
      return { path: res.file, bytes: res.bytes, entries: res.manifest.entries.length };
    },
    'bundle.open': async ({ path: file }) => {
      let f = file;
      if (!f) {
        if (!backend.dialogs.pickBundle) throw new GopsyError('no-dialog', 'Give the path of the bundle to open.');
        f = (await backend.dialogs.pickBundle()) ?? undefined;
        if (!f) return null;
      }
      const summary = await backend.bundles.openFile(f);
      backend.broadcast('bundle.opened', summary);
      return summary;
    },
    'bundle.current': () => backend.bundles.current,
    'bundle.uploadBegin': async ({ name, size }) => ({ uploadId: await uploads.begin(name, size) }),
    'bundle.uploadChunk': async ({ uploadId, offset, data }) => ({ received: await uploads.chunk(uploadId, offset, data) }),
    'bundle.uploadFinish': async ({ uploadId }) => {
      const summary = await backend.bundles.openFile(await uploads.finish(uploadId));
      backend.broadcast('bundle.opened', summary);
      return summary;
    },
    'bundle.uploadAbort': async ({ uploadId }) => (await uploads.abort(uploadId), null),
    'bundle.readEntry': ({ id, path: entry }) => backend.bundles.readText(id, entry),
    'bundle.close': async ({ id }) => {
      backend.bundles.close(id);
      await bundleRunCacheOf(backend).release(id); // its replayed runs are gone when the call returns
      // bundle.closed goes to every window from bundleGodebugHandlers (on evictions too).
      return null;
    },
    'bundle.rerunInfo': async ({ id }) => {
      const modulePath = backend.bundles.summary(id).project.modulePath;
      const ws = backend.current;
      return {
        runs: await rerunCandidates(backend.bundles.store(id)),
        ...(modulePath ? { modulePath } : {}),
        current: ws ? { root: ws.root, ...(ws.goMod ? { modulePath: ws.goMod.path } : {}), matches: !!modulePath && ws.goMod?.path === modulePath } : null,
      };
    },
    'bundle.rerun': async ({ id, runId, folder, values, acceptRisks }) => {
      const modulePath = backend.bundles.summary(id).project.modulePath;
      const profile = await rerunProfile(backend.bundles.store(id), runId, values, acceptRisks);
      let ws = backend.current;
      if (folder) {
        const picked = await inspectFolder(folder);
        checkModule(picked, modulePath);
        if (!ws || ws.root !== picked.root) ws = await backend.openFolder(picked.root);
      } else {
        if (!ws) throw new GopsyError('no-project', 'Pick the project folder to run the build in.');
        checkModule(ws, modulePath);
      }
      // A normal build run of that project: it lands in its runs list like one started from the Build view.
      return (await runServiceOf(backend).start(ws.root, profile)).summary;
    },
    // Replay of the bundle's build runs (read-only; nothing runs).
    'bundle.runs': ({ id }) => listBundleRuns(backend, id),
    'bundle.run': ({ id, run }) => bundleRunDetail(backend, id, run),
  } satisfies Partial<Handlers>;
}
