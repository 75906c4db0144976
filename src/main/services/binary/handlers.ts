// Binds the binary and module services to the contract for one connection.
import path from 'node:path';
import type { Handlers } from '../../../shared/rpc';
import { parseLinkErrors } from '../../../core/binary/linkErrors';
import { explainModuleErrors } from '../../../core/modules/explain';
import type { ConnectionContext } from '../connection';
import { importChain, modGraph, modulePanel, modVerify } from '../modules/moduleService';
import { runBinaries } from './runBinaries';
import { ARTEFACTS } from '../../../shared/runFolder';
import type { RunBinary } from '../../../shared/contract/binary';

/** Base name → absolute paths of the project's files, for objdump's base-name-only locations. */
async function projectFiles(ctx: ConnectionContext): Promise<Map<string, string[]>> {
  const ws = ctx.services.requireWorkspace();
  const tree = await ws.tree();
  const map = new Map<string, string[]>();
  for (const pkg of tree.packages) {
    for (const f of pkg.files) map.set(f.name, [...(map.get(f.name) ?? []), path.join(ws.root, f.path)]);
  }
  return map;
}

/** Binaries kept by the project's succeeded runs. */
async function keptBinaries(ctx: ConnectionContext, root: string): Promise<RunBinary[]> {
  const runs = ctx.services.runs;
  const out: RunBinary[] = [];
  for (const r of await runs.list(root)) {
    if (r.status !== 'succeeded') continue;
    for (const b of await runBinaries(runs.store.runDir(root, r.id))) {
      out.push({ runId: r.id, startedAt: r.startedAt, profileName: r.profileName, name: b.name, fileSize: b.size });
    }
  }
  return out;
}

export function binaryHandlers(ctx: ConnectionContext) {
  const service = ctx.services.binaries;
  const root = () => ctx.services.requireWorkspace().root;
  return {
    'binary.build': ({ package: pkg, tags }) => service.build(root(), pkg, tags),
    'binary.open': ({ path: rel }) => service.open(root(), rel),
    'binary.list': () => service.list(),
    'binary.runBinaries': () => keptBinaries(ctx, root()),
    'binary.openRun': ({ runId, name }) =>
      service.openRun(root(), runId, path.join(ctx.services.runs.store.runDir(root(), runId), ARTEFACTS.output, name)),
    'binary.symbols': ({ id, offset, limit, sort, filter }) => service.symbols(id, offset, limit, sort, filter),
    'binary.disassemble': async ({ id, symbol }) => service.disassemble(root(), id, symbol, await projectFiles(ctx)),
    'binary.why': async ({ id, target }) => {
      const why = await service.why(root(), id, target);
      if (why.kind !== 'package') return why;
      const imports = await importChain(root(), why.target).catch(() => null);
      return { ...why, packageImportChain: imports?.chain ?? null };
    },
    'binary.diff': ({ before, after }) => service.diff(before, after),
    'binary.dynamicDeps': ({ id }) => service.dynamicDeps(id),
    'binary.traceLoader': ({ id, libraryPath }) => service.traceLoader(id, root(), libraryPath || undefined),
    'modules.panel': () => modulePanel(root()),
    'modules.verify': () => modVerify(root()),
    'modules.graph': () => modGraph(root()),
    'modules.importChain': ({ target, from }) => importChain(root(), target, from),
    'modules.explain': ({ text }) => ({ modules: explainModuleErrors(text), link: parseLinkErrors(text) }),
  } satisfies Partial<Handlers>;
}
