// The feature views shown as tabs beside the source editor. A feature adds its panel here once;
// panels talk to the backend only through the GopsyApi they are given.
import type { ComponentType } from 'react';
import type { ViewProps } from './viewProps';
import { DebugView } from './debug/DebugView';
import { BuildView } from './build/BuildView';
import { RuntimeView } from './runtime/RuntimeView';
import { SsaView } from './ssa/SsaView';
import { BinaryView } from './binary/BinaryView';
import { ModulesView } from './modules/ModulesView';
import { RemarksView } from './remarks/RemarksView';
import { CompareView } from './compare/CompareView';
import { SessionView } from './session/SessionView';
import { LinesAsmPanel } from './editor/LinesAsmPanel';
import { LINES_ASM_VIEW } from './editor/linesAsmEditor';
import { WhatChangedView } from './editor/WhatChangedView';
import { WHAT_CHANGED_VIEW } from './editor/whatChangedRequest';

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
  // Beside the source: the instructions of the lines selected in it.
  { id: LINES_ASM_VIEW, title: 'Instructions', component: LinesAsmPanel, besideSource: true },
  { id: 'compare', title: 'Compare', component: CompareView },
  { id: 'modules', title: 'Modules', component: ModulesView },
  { id: 'runtime', title: 'Runtime', component: RuntimeView },
  { id: 'debug', title: 'Debug', component: DebugView, besideSource: true },
  // Beside the source: the edit and what it changed side by side.
  { id: WHAT_CHANGED_VIEW, title: 'What changed', component: WhatChangedView, besideSource: true },
  { id: 'session', title: 'Session', component: SessionView },
];
