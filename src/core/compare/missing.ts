// Plain sentences for an artefact a run lacks: what is missing and how to capture it next time.
import type { RunManifest } from '../../shared/build';

export const missingTiming = (m: RunManifest, benchFound: boolean): string | undefined =>
  !m.profile.capture.phases
    ? `no compiler phase times: the profile "${m.profile.name}" does not capture -bench (use "Build timing" or turn on phase times).`
    : !benchFound
      ? 'no compiler phase times: every package came from the build cache, so the compiler wrote no -bench lines (use a private GOCACHE or -a).'
      : undefined;

export const missingRemarks = (m: RunManifest, found: boolean): string | undefined =>
  !m.profile.capture.remarks
    ? `no optimisation remarks: the profile "${m.profile.name}" does not capture -json (use "Optimisation details").`
    : !found
      ? 'no optimisation remarks were written (every package came from the cache, or the build stopped first).'
      : undefined;

export const missingSsa = (m: RunManifest, found: boolean): string | undefined =>
  found
    ? undefined
    : m.profile.capture.ssaFunc
      ? `no SSA was written for ${m.profile.capture.ssaFunc} (the name matched no compiled function, or the package came from the cache).`
      : `no SSA: the profile "${m.profile.name}" does not name a function to capture (set "SSA function", GOSSAFUNC).`;

export const missingBinary = (m: RunManifest, found: boolean): string | undefined =>
  found
    ? undefined
    : m.profile.target === 'build' && !m.profile.keepBinary
      ? `no binary: the profile "${m.profile.name}" does not keep it (use "Build the binary" or turn on "keep the binary").`
      : 'no binary was kept (the build failed, or built no main package).';
