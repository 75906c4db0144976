// The project tree: packages from `go list`, their files, and the module files at the root.
import { useState } from 'react';
import type { ProjectTree as Tree, TreeFile, TreePackage } from '../../../../shared/api';

interface Props {
  tree: Tree | null;
  loading: boolean;
  selected: string | null;
  onOpen: (path: string) => void;
  onReload: () => void;
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

function PackageNode({ pkg, selected, onOpen }: { pkg: TreePackage; selected: string | null; onOpen: (p: string) => void }) {
  const [open, setOpen] = useState(true);
  return (
    <li className="tree-package">
      <button className="tree-package-label" onClick={() => setOpen(!open)} aria-expanded={open} title={pkg.importPath}>
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

export function ProjectTree({ tree, loading, selected, onOpen, onReload }: Props) {
  return (
    <nav className="project-tree" aria-label="Project" data-testid="project-tree">
      <div className="panel-title">
        <span>Project</span>
        <button className="icon-button" onClick={onReload} title="Reload the package list (go list)">
          ⟳
        </button>
      </div>
      {loading && <div className="muted">Listing packages (go list)…</div>}
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
            <PackageNode key={p.importPath} pkg={p} selected={selected} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </nav>
  );
}
