// The debugger's part of the contract for one connection. Its session ends with the connection.
import type { Handlers } from '../../../shared/rpc';
import type { ConnectionContext } from '../connection';
import { resolveInside, toRelative } from '../paths';
import { DebugService } from './debugService';
import { exportLaunchJson, importLaunchJson } from './launchJsonFile';
import { listProcesses } from './processList';

export function debugHandlers(ctx: ConnectionContext) {
  const root = () => ctx.services.requireWorkspace().root;
  const debug = new DebugService({
    storageDir: ctx.services.storageDir,
    root,
    consoles: ctx.consoles,
    log: ctx.log,
    sink: {
      state: (s) => ctx.emit('debug.state', s),
      output: (category, text) => ctx.emit('debug.output', { category, text }),
      breakpoints: (_file, states) => ctx.emit('debug.breakpoints', states),
    },
  });
  ctx.onClose(() => debug.stop());
  /** A renderer path, checked to be a file of the project, in its canonical relative form. */
  const projectFile = async (p: string) => toRelative(root(), await resolveInside(root(), p));

  return {
    'debug.dlvInfo': ({ refresh }) => debug.dlvInfo(refresh),
    'debug.state': () => debug.state,
    'debug.start': ({ config }) => debug.start(config),
    'debug.stop': async () => (await debug.stop(), null),
    'debug.restart': async () => (await debug.restart(), null),
    'debug.rebuildUnoptimized': () => debug.rebuildUnoptimized(),
    'debug.continue': async ({ threadId }) => (await debug.requireSession().control('continue', threadId), null),
    'debug.pause': async ({ threadId }) => (await debug.requireSession().control('pause', threadId), null),
    'debug.next': async ({ threadId }) => (await debug.requireSession().control('next', threadId), null),
    'debug.stepIn': async ({ threadId }) => (await debug.requireSession().control('stepIn', threadId), null),
    'debug.stepOut': async ({ threadId }) => (await debug.requireSession().control('stepOut', threadId), null),
    'debug.breakpoints': () => debug.breakpoints(),
    'debug.setBreakpoints': async ({ path, breakpoints }) => debug.setBreakpoints(await projectFile(path), breakpoints),
    'debug.goroutines': async ({ start, count, hideRuntime }) => {
      const all = await debug.requireSession().goroutines();
      // User goroutines first; Delve's order (by id) within each group.
      const sorted = [...all.filter((g) => g.user), ...all.filter((g) => !g.user)];
      const shown = hideRuntime ? sorted.filter((g) => g.user) : sorted;
      return { goroutines: shown.slice(start, start + count), total: shown.length, userTotal: all.filter((g) => g.user).length };
    },
    'debug.stack': ({ threadId, start, levels }) => debug.requireSession().stack(threadId, start, levels),
    'debug.scopes': ({ frameId }) => debug.requireSession().scopes(frameId),
    'debug.variables': ({ reference, start, count }) => debug.requireSession().variables(reference, start, count),
    'debug.evaluate': ({ expression, frameId, context }) => debug.requireSession().evaluate(expression, context, frameId),
    'debug.processes': () => listProcesses(),
    'debug.configs': async () => (await debug.store().read()).configs,
    'debug.saveConfigs': async ({ configs }) => (await debug.store().update((s) => (s.configs = configs)), null),
    'debug.importLaunchJson': () => importLaunchJson(root()),
    'debug.exportLaunchJson': ({ configs }) => exportLaunchJson(root(), configs),
  } satisfies Partial<Handlers>;
}
