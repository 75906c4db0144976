// Compares two builds (runs of the project, or runs inside bundles) on the four things that change
// between toolchains or flags: compile timing, optimisation remarks, per-function SSA and binary size.
// Pure: the loaders (services/compare) read the artefacts; a side that lacks one says why.
import type { RunManifest } from '../../shared/build';
import type { CompareSide, RunComparison } from '../../shared/compare';
import type { PackagePhases } from '../../shared/build';
import type { Remark } from '../../shared/remarks';
import { diffBinaries, type BinarySide } from './binary';
import { diffRemarks } from './remarks';
import { diffSsa, type NamedSsa } from './ssa';
import { diffTiming } from './timing';

export * from './binary';
export * from './remarks';
export * from './ssa';
export * from './timing';
export * from './missing';

export type Section = 'timing' | 'remarks' | 'ssa' | 'binary';

/** One side's artefacts, read and parsed; null where the run has none (missing says why). */
export interface ComparedRun {
  side: CompareSide;
  phases: PackagePhases[] | null;
  remarks: Remark[] | null;
  ssa: NamedSsa[] | null;
  binary: BinarySide;
  wallMs: number | null;
  missing: Partial<Record<Section, string>>;
  warnings: string[];
}

export function compareRuns(a: ComparedRun, b: ComparedRun): RunComparison {
  const notes = (s: Section) => [
    ...(a.missing[s] ? [`A (${a.side.label}): ${a.missing[s]}`] : []),
    ...(b.missing[s] ? [`B (${b.side.label}): ${b.missing[s]}`] : []),
  ];
  return {
    a: a.side,
    b: b.side,
    timing: diffTiming({ phases: a.phases, wallMs: a.wallMs }, { phases: b.phases, wallMs: b.wallMs }, notes('timing')),
    remarks: diffRemarks({ remarks: a.remarks }, { remarks: b.remarks }, notes('remarks')),
    ssa: diffSsa(a.ssa, b.ssa, notes('ssa')),
    binary: diffBinaries(a.binary, b.binary, notes('binary')),
    warnings: [...a.warnings.map((w) => `A: ${w}`), ...b.warnings.map((w) => `B: ${w}`)],
  };
}

/** A side's header from its run manifest. */
export function sideOf(m: RunManifest, origin: CompareSide['origin'], label: string): CompareSide {
  const gotoolchain = m.profile.env?.GOTOOLCHAIN ?? m.command.env.GOTOOLCHAIN;
  return {
    label,
    runId: m.id,
    origin,
    ...(m.goVersion ? { goVersion: m.goVersion } : {}),
    profileName: m.profile.name,
    commandLine: m.command.shellLine,
    status: m.status,
    startedAt: m.startedAt,
    ...(gotoolchain ? { gotoolchain } : {}),
  };
}
export * from './toolchain';
