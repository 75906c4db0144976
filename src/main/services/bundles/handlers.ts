// The contract's session.* and bundle.* calls. Sessions follow the open project; bundles are shared
// by every connection of the services. An opened bundle's GODEBUG captures are served for the Runtime
// view's replay, and bundle.closed tells the view to drop them when the bundle goes.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Handlers } from '../../../shared/rpc';
import { GopsyError } from '../../../shared/rpc';
import type { ConnectionContext, Services } from '../connection';
import { writeBundle, type PlannedEntry } from './bundleWriter';
import { planSave, previewSave, projectOf, type SaveChoice } from './savePlan';
import { debuggerState, projectRuns, projectSsaCaptures } from './sessionContent';
import { inspectFolder } from '../workspace';
import { rerunCandidates, rerunProfile } from './rerun';
import { BundleUploads } from './uploads';
import { listCaptures, readCaptureJson } from './godebugCaptures';
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

async function liveSession(services: Services) {
  const ws = services.requireWorkspace().state;
  return { ws, session: await services.sessions.forProject(ws.root, ws.name) };
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
  const { services } = ctx;
  // Drops in progress belong to the connection: a window that goes away leaves no partial file.
  const uploads = new BundleUploads(services.storageDir);
  ctx.onClose(() => uploads.abortAll());
  const save = async (choice: SaveChoice & { layout?: Record<string, string | number | boolean | null> }) => {
    const { ws, session } = await liveSession(services);
    if (choice.layout) await session.saveLayout(choice.layout);
    await services.sessions.flushBeforeSave();
    const toolchain = await services.toolchain.info();
    // The session collects by itself: its folder (notes, layout, GODEBUG captures), every build run
    // of the project, the SSA view's captures, and the debugger's breakpoints and configurations.
    const runs = services.runs;
    const content = {
      project: projectOf(ws),
      sessionDir: session.dir,
      folders: [
        ...(await projectRuns(services.storageDir, ws.root, (id) => runs.isRunning(id))),
        ...projectSsaCaptures(await services.ssa.captures(ws.root)),
      ],
      debuggerState: await debuggerState(services.storageDir, ws.root),
    };
    return { ws, plan: await planSave(content, toolchain, choice) };
  };
  ctx.onClose(services.bundles.onClosed(async (id) => ctx.emit('bundle.closed', { id })));
  return {
    'session.current': async () => {
      if (!services.current) return null;
      return (await liveSession(services)).session.info();
    },
    'session.saveNotes': async (notes) => {
      await (await liveSession(services)).session.saveNotes(notes);
      return null;
    },
    'session.saveLayout': async ({ layout }) => {
      await (await liveSession(services)).session.saveLayout(layout);
      return null;
    },
    'session.preview': async (choice) => {
      const { ws, plan } = await save(choice);
      return previewSave(plan, sizeOf, ws.name);
    },
    'session.save': async ({ path: target, ...choice }) => {
      let file = target;
      if (!file) {
        const dialogs = services.dialogs;
        if (!dialogs) throw new GopsyError('no-dialog', 'Give the path of the bundle to write.');
        const { ws } = await liveSession(services);
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
        if (!services.dialogs) throw new GopsyError('no-dialog', 'Give the path of the bundle to open.');
        f = (await services.dialogs.pickBundle()) ?? undefined;
        if (!f) return null;
      }
      const summary = await services.bundles.openFile(f);
      services.broadcast('bundle.opened', summary);
      return summary;
    },
    'bundle.current': () => services.bundles.current,
    'bundle.uploadBegin': async ({ name, size }) => ({ uploadId: await uploads.begin(name, size) }),
    'bundle.uploadChunk': async ({ uploadId, offset, data }) => ({ received: await uploads.chunk(uploadId, offset, data) }),
    'bundle.uploadFinish': async ({ uploadId }) => {
      const summary = await services.bundles.openFile(await uploads.finish(uploadId));
      services.broadcast('bundle.opened', summary);
      return summary;
    },
    'bundle.uploadAbort': async ({ uploadId }) => (await uploads.abort(uploadId), null),
    'bundle.readEntry': ({ id, path: entry }) => services.bundles.readText(id, entry),
    'bundle.close': async ({ id }) => {
      services.bundles.close(id);
      await services.replays.release(id); // its replayed runs are gone when the call returns
      // bundle.closed goes to every window from the close listener above (on evictions too).
      return null;
    },
    'bundle.rerunInfo': async ({ id }) => {
      const modulePath = services.bundles.summary(id).project.modulePath;
      const ws = services.current;
      return {
        runs: await rerunCandidates(services.bundles.store(id)),
        ...(modulePath ? { modulePath } : {}),
        current: ws ? { root: ws.root, ...(ws.goMod ? { modulePath: ws.goMod.path } : {}), matches: !!modulePath && ws.goMod?.path === modulePath } : null,
      };
    },
    'bundle.rerun': async ({ id, runId, folder, values, acceptRisks }) => {
      const modulePath = services.bundles.summary(id).project.modulePath;
      const profile = await rerunProfile(services.bundles.store(id), runId, values, acceptRisks);
      let ws = services.current;
      if (folder) {
        const picked = await inspectFolder(folder);
        checkModule(picked, modulePath);
        if (!ws || ws.root !== picked.root) ws = await services.openFolder(picked.root);
      } else {
        if (!ws) throw new GopsyError('no-project', 'Pick the project folder to run the build in.');
        checkModule(ws, modulePath);
      }
      // A normal build run of that project: it lands in its runs list like one started from the Build view.
      return (await services.runs.start(ws.root, profile)).summary;
    },
    // The bundle's GODEBUG captures, for the Runtime view's replay.
    'bundle.godebugCaptures': ({ id }) => listCaptures(services.bundles.store(id)),
    'bundle.godebugEvents': ({ id, path: entry }) => readCaptureJson(services.bundles.store(id), entry),
    // Replay of the bundle's build runs (read-only; nothing runs).
    'bundle.runs': ({ id }) => services.replays.list(id),
    'bundle.run': ({ id, run }) => services.replays.detail(id, run),
  } satisfies Partial<Handlers>;
}
