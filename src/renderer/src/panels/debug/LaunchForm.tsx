// Chooses how to start a session: debug the package, a test (with a filter), a built binary, a core
// dump, a local process or a remote Delve server; and imports/exports VS Code's launch.json.
import { useState } from 'react';
import type { DebugConfig, DebugMode, GopsyApi } from '../../../../shared/api';
import { splitFlags } from '../../../../core/dap/launchJson';

interface Props {
  api: GopsyApi;
  onStart: (config: DebugConfig) => void;
  disabled: boolean;
}

const MODES: Array<{ mode: DebugMode; label: string }> = [
  { mode: 'debug', label: 'Debug package' },
  { mode: 'test', label: 'Debug test' },
  { mode: 'exec', label: 'Debug binary' },
  { mode: 'core', label: 'Open core dump' },
  { mode: 'attach', label: 'Attach to process' },
  { mode: 'remote', label: 'Attach to Delve server' },
];

export function LaunchForm({ api, onStart, disabled }: Props) {
  const [mode, setMode] = useState<DebugMode>('debug');
  const [program, setProgram] = useState('.');
  const [args, setArgs] = useState('');
  const [filter, setFilter] = useState('');
  const [coreFile, setCoreFile] = useState('');
  const [pid, setPid] = useState('');
  const [hostPort, setHostPort] = useState('127.0.0.1:2345');
  const [processes, setProcesses] = useState<Array<{ pid: number; command: string }>>([]);
  const [configs, setConfigs] = useState<DebugConfig[]>([]);
  const [note, setNote] = useState<string | null>(null);

  const current = (): DebugConfig => {
    const label = MODES.find((m) => m.mode === mode)!.label;
    const base: DebugConfig = { name: label, mode };
    const argv = splitFlags(args);
    if (mode === 'debug' || mode === 'test' || mode === 'exec' || mode === 'core') base.program = program || '.';
    if (argv?.length && mode !== 'core') base.args = argv;
    if (mode === 'test' && filter) base.testFilter = filter;
    if (mode === 'core') base.coreFile = coreFile;
    if (mode === 'attach') base.processId = Number(pid) || undefined;
    if (mode === 'remote') {
      const m = /^(.*):(\d+)$/.exec(hostPort.trim());
      if (m) Object.assign(base, { host: m[1], port: Number(m[2]) });
    }
    return base;
  };

  const importLaunch = async () => {
    try {
      const res = await api.call('debug.importLaunchJson', {});
      setConfigs(res.configs);
      await api.call('debug.saveConfigs', { configs: res.configs });
      setNote(`Imported ${res.configs.length} configuration(s).${res.skipped.length ? ` Skipped: ${res.skipped.join('; ')}` : ''}`);
    } catch (err) {
      setNote((err as Error).message);
    }
  };
  const exportLaunch = async () => {
    try {
      const saved = await api.call('debug.configs', {});
      const all = [...saved.filter((c) => c.name !== current().name), current()];
      const res = await api.call('debug.exportLaunchJson', { configs: all });
      setNote(`Wrote ${all.length} configuration(s) to ${res.path}.`);
    } catch (err) {
      setNote((err as Error).message);
    }
  };

  return (
    <section>
      <h3>Start</h3>
      <div className="config-row">
        <select aria-label="Debug mode" value={mode} onChange={(e) => setMode(e.target.value as DebugMode)}>
          {MODES.map((m) => (
            <option key={m.mode} value={m.mode}>
              {m.label}
            </option>
          ))}
        </select>
        {(mode === 'debug' || mode === 'test' || mode === 'exec' || mode === 'core') && (
          <input aria-label="Program" title="package directory or binary, relative to the project" value={program} onChange={(e) => setProgram(e.target.value)} size={10} />
        )}
        {mode === 'test' && <input aria-label="Test filter" placeholder="-run filter, e.g. ^TestMap$" value={filter} onChange={(e) => setFilter(e.target.value)} size={14} />}
        {mode === 'core' && <input aria-label="Core file" placeholder="core file" value={coreFile} onChange={(e) => setCoreFile(e.target.value)} size={12} />}
        {mode === 'attach' && (
          <select aria-label="Process" value={pid} onFocus={() => void api.call('debug.processes', {}).then(setProcesses, () => {})} onChange={(e) => setPid(e.target.value)}>
            <option value="">pick a process…</option>
            {processes.map((p) => (
              <option key={p.pid} value={p.pid}>
                {p.pid} {p.command.slice(0, 80)}
              </option>
            ))}
          </select>
        )}
        {mode === 'remote' && <input aria-label="Host and port" value={hostPort} onChange={(e) => setHostPort(e.target.value)} size={16} />}
        {mode !== 'core' && mode !== 'attach' && mode !== 'remote' && (
          <input aria-label="Arguments" placeholder="arguments" value={args} onChange={(e) => setArgs(e.target.value)} size={12} />
        )}
        <button disabled={disabled} onClick={() => onStart(current())} data-testid="debug-start">
          ▶ Start
        </button>
      </div>
      <div className="config-row">
        {configs.length > 0 && (
          <select aria-label="Imported configuration" onChange={(e) => e.target.value && onStart(configs[Number(e.target.value)]!)} value="">
            <option value="">start an imported configuration…</option>
            {configs.map((c, i) => (
              <option key={i} value={i}>
                {c.name} ({c.mode})
              </option>
            ))}
          </select>
        )}
        <button onClick={() => void importLaunch()} title="Read the Go configurations of .vscode/launch.json">
          Import launch.json
        </button>
        <button onClick={() => void exportLaunch()} title="Write gopsy's configurations into .vscode/launch.json">
          Export launch.json
        </button>
      </div>
      {note && <div className="muted">{note}</div>}
    </section>
  );
}
