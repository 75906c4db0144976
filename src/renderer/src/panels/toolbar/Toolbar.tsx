// The top bar: the project, the toolchain, Open Folder and the go commands.
import type { ConsolePreset, ToolchainInfo, WorkspaceState } from '../../../../shared/api';
import { PRESETS } from '../console/ConsolePanel';
import { ProfileSwitcher } from '../runtime/ProfileSwitcher';
import type { GodebugStore } from '../runtime/store';

interface Props {
  workspace: WorkspaceState | null;
  toolchain: ToolchainInfo | null;
  onOpenFolder: () => void;
  onRun: (preset: ConsolePreset) => void;
  godebug: GodebugStore;
}

export function Toolbar({ workspace, toolchain, onOpenFolder, onRun, godebug }: Props) {
  const toolchainLabel = !toolchain
    ? 'detecting Go…'
    : toolchain.ok
      ? `${toolchain.version} ${toolchain.goos}/${toolchain.goarch}`
      : 'Go not available';
  return (
    <header className="toolbar">
      <span className="brand">gopsy</span>
      <span className="project" data-testid="project-name" title={workspace?.root}>
        {workspace ? workspace.name : 'no project'}
        {workspace?.goMod && <span className="muted"> · {workspace.goMod.path}</span>}
        {workspace?.goWork && <span className="muted"> · go.work</span>}
      </span>
      <button onClick={onOpenFolder} title="Open a Go project folder (Ctrl+O)">
        Open Folder…
      </button>
      <span className="spacer" />
      <ProfileSwitcher store={godebug} />
      {PRESETS.filter((p) => p.preset !== 'shell' && p.preset !== 'dlv').map((p) => (
        <button key={p.preset} onClick={() => onRun(p.preset)} title={p.hint} disabled={!workspace}>
          {p.label}
        </button>
      ))}
      <span
        className={`toolchain${toolchain && !toolchain.ok ? ' bad' : ''}`}
        data-testid="toolchain"
        title={toolchain?.ok ? `GOROOT ${toolchain.goroot ?? ''}` : toolchain?.problem}
      >
        {toolchainLabel}
      </span>
    </header>
  );
}
