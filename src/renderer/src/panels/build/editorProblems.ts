// Compile errors of the opened run as markers in the source editor (owner 'build').
import type { CompileError } from '../../../../shared/api';
import { toProjectPath } from '../../../../core/locations';
import { editorMarks } from '../../editor/editorMarks';

export function showErrorsInEditor(root: string | undefined, errors: CompileError[]): void {
  if (!root) return;
  const marks = errors.flatMap((e) => {
    const path = toProjectPath(root, e.path);
    return path
      ? [{ path, line: e.line, ...(e.column ? { byteColumn: e.column } : {}), severity: 'error' as const, message: e.message, source: e.package ?? 'go build' }]
      : [];
  });
  editorMarks.set('build', marks);
}
