// Validation findings as a list: severity, which variable, and the reason in words.
import type { Finding } from '../../../../shared/api';

export function FindingList({ findings, testId }: { findings: Finding[]; testId?: string }) {
  if (findings.length === 0) return null;
  return (
    <ul className="findings" data-testid={testId}>
      {findings.map((f, i) => (
        <li key={i} className={`finding ${f.severity}`}>
          <b>{f.severity}</b> <code>{f.variable === 'GOCOMPILEDEBUG' ? 'GOCOMPILEDEBUG ' : ''}{f.value !== undefined ? `${f.key}=${f.value}` : f.key}</code>: {f.message}
        </li>
      ))}
    </ul>
  );
}
