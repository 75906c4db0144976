// The feature views shown as tabs beside the source editor. A feature adds its panel here once;
// panels talk to the backend only through the GopsyApi they are given.
import type { ComponentType } from 'react';
import type { GopsyApi, WorkspaceState } from '../../../shared/api';
import { DebugView } from '../panels/debug/DebugView';
import { BuildView } from '../panels/build/BuildView';
import { RuntimeView } from '../godebug/RuntimeView';
import { SsaView } from '../panels/ssa/SsaView';
import { BinaryView } from '../panels/binary/BinaryView';
import { ModulesView } from '../panels/modules/ModulesView';
import { RemarksView } from '../panels/remarks/RemarksView';
import { CompareView } from '../panels/compare/CompareView';

export interface SourceTarget {
  /** Project-relative path, or a path the toolchain printed (resolved like console links). */
  path: string;
  line: number;
  /** 1-based byte column as the toolchain prints it. */
  byteColumn?: number;
}

export interface ViewProps {
  api: GopsyApi;
  workspace: WorkspaceState | null;
  /** Opens the source editor at a place (and switches to it). */
  openSource: (target: SourceTarget) => void;
}

export interface WorkbenchView {
  id: string;
  title: string;
  component: ComponentType<ViewProps>;
  /** Shown to the right of the source editor instead of in its place (the debugger needs both). */
  besideSource?: boolean;
}

export const views: WorkbenchView[] = [
  { id: 'build', title: 'Build', component: BuildView },
  { id: 'ssa', title: 'SSA', component: SsaView },
  // Beside the source: the table, flow and IR sit next to the markers they explain.
  { id: 'remarks', title: 'Remarks', component: RemarksView, besideSource: true },
  { id: 'binary', title: 'Binary', component: BinaryView },
  { id: 'compare', title: 'Compare', component: CompareView },
  { id: 'modules', title: 'Modules', component: ModulesView },
  { id: 'runtime', title: 'Runtime', component: RuntimeView },
  { id: 'debug', title: 'Debug', component: DebugView, besideSource: true },
  { id: 'session', title: 'Session', component: SessionView },
];
// The Session view imports this module's types only, so listing it here makes no import cycle at run time.
import { SessionView } from './session/SessionView';
