// The build-capture part of the contract for one connection. Runs belong to the backend (every
// window sees them); a connection subscribes to their output while it is open.
import type { Handlers } from '../../../shared/rpc';
import { GopsyError } from '../../../shared/rpc';
import type { ConnectionContext } from '../connection';
import { projectKey } from './runStore';

export function runHandlers(ctx: ConnectionContext) {
  const runs = ctx.services.runs;
  const unsubscribe = runs.subscribe({
    output: (id, data) => ctx.emit('build.output', { id, data }),
    status: (summary) => ctx.emit('build.status', summary),
  });
  // Builds are cancelled by the Backend when its last window closes or it shuts down.
  ctx.onClose(unsubscribe);
  const root = () => ctx.services.requireWorkspace().root;
  return {
    'build.profiles': () => runs.profiles.all(projectKey(root())),
    'build.saveProfile': async ({ profile }) => {
      try {
        return await runs.profiles.save(projectKey(root()), profile);
      } catch (err) {
        throw new GopsyError('bad-profile', (err as Error).message);
      }
    },
    'build.deleteProfile': async ({ name }) => {
      try {
        return await runs.profiles.remove(projectKey(root()), name);
      } catch (err) {
        throw new GopsyError('bad-profile', (err as Error).message);
      }
    },
    'build.preview': ({ profile }) => runs.preview(root(), profile),
    'build.start': async ({ profile }) => (await runs.start(root(), profile)).summary,
    'build.cancel': async ({ id }) => (await runs.cancel(id), null),
    'build.runs': () => runs.list(root()),
    'build.run': ({ id }) => runs.detail(root(), id),
    'build.explain': ({ id, against }) => runs.explainer.explain(root(), id, against),
    'build.explainAction': ({ id, against, key }) => runs.explainer.explainAction(root(), id, against, key),
    'build.compileCost': ({ id }) => runs.compileCost(root(), id),
    'build.testCache': ({ id, against }) => runs.testCache.explain(root(), id, against),
  } satisfies Partial<Handlers>;
}
