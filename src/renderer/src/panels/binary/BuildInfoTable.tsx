// `go version -m` as a table: Go version, main module, dependencies (with replacements), build settings.
import type { BinaryAnalysis } from '../../../../shared/contract/binary';

export function BuildInfoTable({ analysis }: { analysis: BinaryAnalysis }) {
  const info = analysis.buildInfo;
  if (!info) return <div className="build-info muted">No Go build info: {analysis.buildInfoProblem}</div>;
  return (
    <table className="build-info" data-testid="build-info">
      <tbody>
        <tr>
          <th>go</th>
          <td className="mono">{info.goVersion}</td>
        </tr>
        {info.path && (
          <tr>
            <th>path</th>
            <td className="mono">{info.path}</td>
          </tr>
        )}
        {info.main && (
          <tr>
            <th>mod</th>
            <td className="mono">
              {info.main.path} {info.main.version}
            </td>
          </tr>
        )}
        {info.deps.map((d) => (
          <tr key={d.path}>
            <th>dep</th>
            <td className="mono">
              {d.path} {d.version}
              {d.replace && ` => ${d.replace.path} ${d.replace.version ?? ''}`}
            </td>
          </tr>
        ))}
        {info.settings.map((s) => (
          <tr key={s.key}>
            <th className="mono">{s.key}</th>
            <td className="mono wrap" title={s.value}>
              {s.value.length > 120 ? `${s.value.slice(0, 120)}…` : s.value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
