// The project tree: packages from `go list`, their files, and the module files at the root.
import { useEffect, useRef, useState } from 'react';
import type { ProjectTree as Tree, TreeFile, TreePackage } from '../../../../shared/api';
import { onRevealInTree } from '../../workbenchBus';
import { findPackage } from './findPackage';

interface Props {
  tree: Tree | null;
  loading: boolean;
  selected: string | null;
  onOpen: (path: string) => void;
  /** Reloads the package list; none when there is no project to list. */
  onReload?: () => void;
  /** Shown when there is no project to list (what to do instead). */
  note?: string;
}

const KIND_HINT: Record<TreeFile['kind'], string> = {
  go: '',
  cgo: 'cgo file',
  test: 'test file',
  ignored: 'excluded from the default build by build constraints',
  other: '',
};

function FileRow({ file, selected, onOpen }: { file: TreeFile; selected: boolean; onOpen: (p: string) => void }) {
  return (
    <li>
      <button
        className={`tree-file kind-${file.kind}${selected ? ' selected' : ''}`}
        title={[file.path, KIND_HINT[file.kind]].filter(Boolean).join(' — ')}
        onClick={() => onOpen(file.path)}
        data-path={file.path}
      >
        {file.name}
      </button>
    </li>
  );
}

interface NodeProps {
  pkg: TreePackage;
  selected: string | null;
  onOpen: (p: string) => void;
  open: boolean;
  onToggle: () => void;
  revealed: boolean;
}

function PackageNode({ pkg, selected, onOpen, open, onToggle, revealed }: NodeProps) {
  const label = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (revealed) label.current?.scrollIntoView({ block: 'nearest' });
  }, [revealed]);
  return (
    <li className={`tree-package${revealed ? ' revealed' : ''}`} data-testid={revealed ? 'tree-revealed' : undefined}>
      <button ref={label} className="tree-package-label" onClick={onToggle} aria-expanded={open} title={pkg.importPath}>
        <span className="twisty">{open ? '▾' : '▸'}</span>
        <span className="pkg-dir">{pkg.dir === '.' ? '(root)' : pkg.dir}</span>
        <span className="pkg-name">{pkg.name && `package ${pkg.name}`}</span>
      </button>
      {pkg.error && <div className="tree-error">{pkg.error}</div>}
      {open && (
        <ul>
          {pkg.files.map((f) => (
            <FileRow key={f.path} file={f} selected={selected === f.path} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ProjectTree({ tree, loading, selected, onOpen, onReload, note }: Props) {
  // Collapsed packages by import path (all start open); the package a build view asked to show.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [revealed, setRevealed] = useState<string | null>(null);
  const packages = tree?.packages;
  useEffect(
    () =>
      onRevealInTree((target) => {
        const pkg = findPackage(packages ?? [], target);
        setRevealed(pkg?.importPath ?? null); // a standard-library package is not in the tree
        if (pkg)
          setCollapsed((c) => {
            const next = new Set(c);
            next.delete(pkg.importPath);
            return next;
          });
      }),
    [packages],
  );
  const toggle = (importPath: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(importPath)) next.add(importPath);
      return next;
    });
  return (
    <nav className="project-tree" aria-label="Project" data-testid="project-tree">
      <div className="panel-title">
        <span>Project</span>
        {onReload && (
          <button className="icon-button" onClick={onReload} title="Reload the package list (go list)">
            ⟳
          </button>
        )}
      </div>
      {loading && <div className="muted">Listing packages (go list)…</div>}
      {note && (
        <p className="muted tree-note" data-testid="tree-note">
          {note}
        </p>
      )}
      {tree?.error && (
        <div className="tree-error" role="alert">
          {tree.error}
        </div>
      )}
      {tree && (
        <ul>
          {tree.moduleFiles.map((f) => (
            <FileRow key={f.path} file={f} selected={selected === f.path} onOpen={onOpen} />
          ))}
          {tree.packages.map((p) => (
            <PackageNode
              key={p.importPath}
              pkg={p}
              selected={selected}
              onOpen={onOpen}
              open={!collapsed.has(p.importPath)}
              onToggle={() => toggle(p.importPath)}
              revealed={revealed === p.importPath}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}
