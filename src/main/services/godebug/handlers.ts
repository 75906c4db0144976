// The godebug feature's part of the contract for one connection: catalog, validation, profiles,
// project defaults, and the trace sessions of the connection's consoles.
import type { Handlers } from '../../../shared/rpc';
import { GopsyError } from '../../../shared/rpc';
import type { ConnectionContext } from '../connection';
import { validateCompileDebug, validateGodebug, type BuiltCatalog } from '../../../core/godebug';
import { catalogFor, otherToolchainCatalogs } from './catalogService';
import { ProfileStore } from './profileStore';
import { projectDefaults } from './projectDefaults';
import { TraceSessions } from './traceSessions';

/** The catalog of the toolchain gopsy drives (toolchain.info), read from its GOROOT. */
export async function currentCatalog(ctx: ConnectionContext, refresh = false): Promise<BuiltCatalog> {
  const tc = await ctx.services.toolchain.info(refresh);
  if (!tc.ok || !tc.goroot) throw new GopsyError('no-toolchain', tc.problem ?? 'No Go toolchain: the catalog comes from its sources.');
  return catalogFor(tc.goroot, tc.version);
}

export function godebugHandlers(ctx: ConnectionContext) {
  const profiles = new ProfileStore(ctx.services.storageDir);
  const sessions = new TraceSessions((id, events) => ctx.emit('godebug.events', { id, events }));
  // What each traced console ran, so its events can go into the project's session when it ends.
  const traced = new Map<string, { root: string; name: string; title: string; commandLine: string; startedAt: string }>();
  /** Into the live session automatically, so Save Session carries the events without the user's help. */
  const write = async (id: string, running: boolean): Promise<void> => {
    const t = traced.get(id);
    const got = sessions.events(id);
    if (!running) traced.delete(id); // ended: a save from now on finds it recorded, not running
    if (!t || !got || got.count === 0) return;
    const capture = {
      consoleId: id,
      title: t.title,
      commandLine: t.commandLine,
      godebug: got.godebug,
      startedAt: t.startedAt,
      endedAt: new Date().toISOString(),
      ...(running ? { running: true } : {}),
      truncated: got.truncated,
      count: got.count,
      events: got.events,
    };
    await ctx.services.sessions
      .forProject(t.root, t.name)
      .then((s) => s.recordEvents(capture))
      .catch((err: Error) => ctx.log(`could not record the GODEBUG events of ${t.title}: ${err.message}`));
  };
  const record = (id: string) => void write(id, false);
  // A program still running when the session is saved: what it printed so far goes in (the file is
  // written again, whole, when it ends).
  const offBeforeSave = ctx.services.sessions.onBeforeSave(async () => {
    await Promise.all([...traced.keys()].map((id) => write(id, true)));
  });
  const unobserve = ctx.consoles.observe({
    opened: (info, g) => {
      if (!g?.GODEBUG) return;
      sessions.start(info.id, g.GODEBUG);
      const ws = ctx.services.current;
      if (ws) traced.set(info.id, { root: ws.root, name: ws.name, title: info.title, commandLine: info.commandLine, startedAt: new Date().toISOString() });
    },
    data: (id, data) => sessions.data(id, data),
    exit: ({ id }) => {
      sessions.exit(id);
      record(id);
    },
    closed: (id) => {
      record(id); // a tab closed while its process still ran: what it printed so far
      sessions.forget(id);
    },
  });
  ctx.onClose(() => {
    // The window went away with traced consoles still running: keep what they printed.
    for (const id of [...traced.keys()]) record(id);
    offBeforeSave();
    unobserve();
    sessions.disposeAll();
  });
  const project = () => ctx.services.current?.root ?? null;

  return {
    'godebug.catalog': async ({ refresh }) => {
      const { cgocheck2Fatal: _, ...catalog } = await currentCatalog(ctx, refresh);
      return catalog;
    },
    'godebug.validate': async ({ godebug, gocompiledebug }) => {
      const catalog = await currentCatalog(ctx);
      const tc = await ctx.services.toolchain.info();
      const others = await otherToolchainCatalogs(tc.env?.GOMODCACHE, catalog.goVersion);
      return {
        goVersion: catalog.goVersion,
        findings: [...validateGodebug(godebug, catalog, { others }), ...validateCompileDebug(gocompiledebug ?? '', catalog)],
      };
    },
    'godebug.profiles': () => profiles.list(project()),
    'godebug.saveProfile': ({ profile }) => {
      const root = project();
      if (!root) throw new GopsyError('no-project', 'Open a project first: profiles are saved per project.');
      return profiles.save(root, profile);
    },
    'godebug.deleteProfile': ({ id }) => {
      const root = project();
      if (!root) throw new GopsyError('no-project', 'Open a project first: profiles are saved per project.');
      return profiles.remove(root, id);
    },
    'godebug.projectDefaults': async () => projectDefaults(ctx.services.requireWorkspace().state, await currentCatalog(ctx)),
    'godebug.session': ({ id }) => sessions.get(id),
  } satisfies Partial<Handlers>;
}
