// The one contract between the renderer and the backend: every request (params → result) and every
// pushed event, as zod schemas. Both transports (Electron MessagePort, WebSocket) carry exactly these.
// Each feature declares its part in src/shared/contract/<feature>.ts and is listed here once.
import type { z } from 'zod';
import { workbenchEvents, workbenchMethods } from './contract/workbench';
import { debugEvents, debugMethods } from './contract/debug';
import { buildEvents, buildMethods } from './contract/build';
import { godebugEvents, godebugMethods } from './contract/godebug';
import { ssaEvents, ssaMethods } from './contract/ssa';
import { binaryMethods } from './contract/binary';
import { linesAsmMethods } from './contract/linesAsm';
import { binaryWhyMethods } from './contract/binaryWhy';
import { bundleEvents, bundleMethods } from './contract/bundle';
import { remarksMethods } from './contract/remarks';
import { compareMethods } from './contract/compare';
import { explainMethods } from './contract/explain';
import { compileCostMethods } from './contract/compileCost';
import { testCacheMethods } from './contract/testCache';
import { storageEvents, storageMethods } from './contract/storage';
import { editsEvents, editsMethods } from './contract/edits';
import { lspEvents, lspMethods } from './contract/lsp';

export * from './types';
export * from './contract/debug';
export * from './build';
export * from './godebug';

export const methods = {
  ...workbenchMethods,
  ...debugMethods,
  ...buildMethods,
  ...godebugMethods,
  ...ssaMethods,
  ...binaryMethods,
  ...linesAsmMethods,
  ...binaryWhyMethods,
  ...bundleMethods,
  ...remarksMethods,
  ...compareMethods,
  ...explainMethods,
  ...compileCostMethods,
  ...testCacheMethods,
  ...storageMethods,
  ...editsMethods,
  ...lspMethods,
} as const;

export const events = {
  ...workbenchEvents,
  ...debugEvents,
  ...buildEvents,
  ...godebugEvents,
  ...bundleEvents,
  ...ssaEvents,
  ...storageEvents,
  ...editsEvents,
  ...lspEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type Result<M extends MethodName> = z.infer<Methods[M]['result']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** The whole API as the renderer sees it. */
export interface GopsyApi {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
