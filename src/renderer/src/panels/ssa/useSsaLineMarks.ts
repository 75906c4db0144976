// The reverse link: the source lines that have values in the phase on screen get a gutter glyph in the
// editor (owner 'ssa'). Values carry only a line: values of code inlined from another file (their line
// is in that file, see lineFiles) are left out, so they never mark an unrelated line of this one.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { SsaPhase } from '../../../../shared/ssa';
import { editorMarks, type EditorLineMark } from '../../editor/editorMarks';

export function phaseLineMarks(phase: SsaPhase, file: string, isOwnLine: (line: number) => boolean = () => true): EditorLineMark[] {
  const counts = new Map<number, number>();
  for (const b of phase.blocks) {
    if (b.dead) continue;
    for (const v of b.values) if (!v.dead && v.line !== null && isOwnLine(v.line)) counts.set(v.line, (counts.get(v.line) ?? 0) + 1);
  }
  return [...counts].map(([line, n]) => ({
    path: file,
    line,
    glyphClassName: 'ssa-line-glyph',
    hover: `${n} SSA value${n === 1 ? '' : 's'} in phase "${phase.name}"`,
  }));
}

/**
 * knownFile: the project-relative file when the capture named it; otherwise the first file of the
 * ssa.html Sources column (absolute) is mapped into the project.
 */
export function useSsaLineMarks(
  api: GopsyApi,
  phase: SsaPhase | null,
  knownFile: string | null,
  sourcesFile: string | undefined,
  isOwnLine?: (line: number) => boolean,
): void {
  const [resolved, setResolved] = useState<string | null>(null);
  useEffect(() => {
    if (knownFile || !sourcesFile) return;
    let live = true;
    void api.call('workspace.resolveLocation', { path: sourcesFile }).then((r) => live && setResolved(r?.path ?? null));
    return () => {
      live = false;
    };
  }, [api, knownFile, sourcesFile]);
  const file = knownFile ?? resolved;
  useEffect(() => {
    // Kept when the view closes: the glyphs are meant to be seen in the editor, the other tab.
    if (phase && file) editorMarks.set('ssa', [], phaseLineMarks(phase, file, isOwnLine));
  }, [phase, file, isOwnLine]);
}
