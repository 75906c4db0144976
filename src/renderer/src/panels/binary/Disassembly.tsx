// One function's instructions with their source lines; a line inside the project opens the editor there.
import type { DisassembledFunction } from '../../../../shared/contract/binaryTypes';
import type { SourceTarget } from '../viewProps';

interface Props {
  fn: DisassembledFunction;
  openSource: (t: SourceTarget) => void;
}

export function Disassembly({ fn, openSource }: Props) {
  // Source lines this function covers, in the project, for the "lines → instructions" summary.
  const lines = new Map<string, number>();
  for (const i of fn.instructions) if (i.path && !i.path.startsWith('/')) lines.set(`${i.path}:${i.line}`, (lines.get(`${i.path}:${i.line}`) ?? 0) + 1);
  return (
    <div className="disassembly" data-testid="disassembly">
      <div className="panel-title">
        <span className="mono symbol-name" data-testid="disassembly-symbol">
          {fn.name}
        </span>
        <span className="muted">
          {fn.instructions.length} instructions · {lines.size} source lines in the project
        </span>
      </div>
      <table>
        <tbody>
          {fn.instructions.map((i) => (
            <tr key={i.address}>
              <td className="mono">
                {i.path ? (
                  // An absolute path is in the standard library or a dependency: it opens read-only.
                  <button
                    className="link-button mono"
                    data-testid="asm-source"
                    title={i.path.startsWith('/') ? `${i.path} (read-only)` : undefined}
                    onClick={() => openSource({ path: i.path!, line: i.line })}
                  >
                    {i.path.startsWith('/') ? i.file : i.path}:{i.line}
                  </button>
                ) : (
                  <span className="muted" title={i.path ?? 'objdump names only the base name of this file'}>
                    {i.file}:{i.line}
                  </span>
                )}
              </td>
              <td className="mono muted">0x{i.address.toString(16)}</td>
              <td className="mono">{i.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
