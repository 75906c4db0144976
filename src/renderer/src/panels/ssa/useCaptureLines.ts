// The source lines of the capture shown: which file a line is in (inlined code comes from other
// files), the marks in the editor, and opening a line in the source editor with a title that says where.
import { useCallback, useMemo } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { SourceTarget } from '../viewProps';
import { lineFiles } from '../../../../core/ssa/lineFiles';
import { useSsaLineMarks } from './useSsaLineMarks';
import type { SsaSnapshot } from './ssaStore';

export interface CaptureLines {
  /** The function's own file, as the Sources column names it. */
  mainFile: string | undefined;
  openLine: (line: number, file?: string) => void;
  lineTitle: (line: number) => string;
}

export function useCaptureLines(api: GopsyApi, { column, phase, knownFile }: SsaSnapshot, openSource: (target: SourceTarget) => void): CaptureLines {
  const mainFile = column.sources?.[0]?.file;
  const fileOf = useMemo(() => lineFiles(column.sources ?? [], column.genssa ?? []), [column.sources, column.genssa]);
  const isOwnLine = useCallback((line: number) => fileOf(line)?.file === mainFile, [fileOf, mainFile]);
  useSsaLineMarks(api, phase, knownFile, mainFile, isOwnLine);
  const openLine = (line: number, file = fileOf(line)?.file ?? mainFile) => {
    if (file) openSource({ path: file, line });
  };
  const lineTitle = (line: number) => {
    const f = fileOf(line);
    if (!f) return 'open this line in the source';
    const name = f.file.slice(f.file.lastIndexOf('/') + 1);
    if (f.certain) return `open ${name}:${line}${f.file === mainFile ? '' : ' (inlined)'}`;
    return f.others.length ? `open ${name}:${line} (uncertain: ${f.others.join(', ')} also has code on line ${line})` : `open ${name}:${line} (uncertain: no file of this function is known to have code on that line)`;
  };
  return { mainFile, openLine, lineTitle };
}
