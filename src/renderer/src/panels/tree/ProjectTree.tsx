// The project tree: packages from `go list`, their files, and the module files at the root.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProjectTree as Tree, TreeFile, TreePackage } from '../../../../shared/api';
import { onRevealInTree } from '../../workbenchBus';
import { findPackage } from './findPackage';

interface Props {
  /** Folded to a thin strip by the user (kept across restarts by the workbench). */
  collapsed: boolean;
  onCollapse: (collapsed: boolean) => void;
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
        <span className="tree-name">{file.name}</span>
      </button>
    </li>
  );
}

interface NodeProps {
  pkg: TreePackage;
  /** The files to list when a filter picks some of them; all otherwise. */
  files?: TreeFile[];
  selected: string | null;
  onOpen: (p: string) => void;
  open: boolean;
  onToggle: () => void;
  revealed: boolean;
}

function PackageNode({ pkg, files, selected, onOpen, open, onToggle, revealed }: NodeProps) {
  const label = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (revealed) label.current?.scrollIntoView({ block: 'nearest' });
  }, [revealed]);
  return (
    <li className={`tree-package${revealed ? ' revealed' : ''}`} data-testid={revealed ? 'tree-revealed' : undefined}>
      <button ref={label} className="tree-package-label" onClick={onToggle} aria-expanded={open} title={pkg.importPath}>
        <span className="twisty">{open ? '▾' : '▸'}</span>
        <span className="pkg-dir tree-name">{pkg.dir === '.' ? '(root)' : pkg.dir}</span>
        {/* The package name only where the folder does not say it already (a main package, a _test). */}
        {pkg.name && pkg.name !== pkg.dir.slice(pkg.dir.lastIndexOf('/') + 1) && <span className="pkg-name">package {pkg.name}</span>}
      </button>
      {pkg.error && <div className="tree-error">{pkg.error}</div>}
      {open && (
        <ul>
          {(files ?? pkg.files).map((f) => (
            <FileRow key={f.path} file={f} selected={selected === f.path} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** A project with more packages than this opens with its packages folded. */
const FOLD_ABOVE = 12;

export function ProjectTree({ collapsed: folded, onCollapse, tree, loading, selected, onOpen, onReload, note }: Props) {
  // Packages whose open state differs from `allOpen` (by import path); the package a build view asked to show.
  const [fold, setFold] = useState<{ allOpen: boolean | null; except: ReadonlySet<string> }>({ allOpen: null, except: new Set() });
  const [revealed, setRevealed] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const packages = tree?.packages;
  const allOpen = fold.allOpen ?? (packages?.length ?? 0) <= FOLD_ABOVE;
  const isOpen = (importPath: string) => allOpen !== fold.except.has(importPath);
  const setOpen = (importPath: string, open: boolean) =>
    setFold((f) => {
      const all = f.allOpen ?? allOpen;
      const except = new Set(f.except);
      if (open === all) except.delete(importPath);
      else except.add(importPath);
      return { allOpen: all, except };
    });
  useEffect(
    () =>
      onRevealInTree((target) => {
        const pkg = findPackage(packages ?? [], target);
        setRevealed(pkg?.importPath ?? null); // a standard-library package is not in the tree
        if (pkg) {
          setFilter('');
          setFold((f) => {
            const all = f.allOpen ?? (packages?.length ?? 0) <= FOLD_ABOVE;
            const except = new Set(f.except);
            if (all) except.delete(pkg.importPath);
            else except.add(pkg.importPath);
            return { allOpen: all, except };
          });
        }
      }),
    [packages],
  );
  const shown = useMemo(() => filterTree(tree, filter), [tree, filter]);
  if (folded) {
    return (
      <nav className="project-tree folded" aria-label="Project" data-testid="project-tree">
        <button className="icon-button" onClick={() => onCollapse(false)} title="Show the project tree" aria-label="Show the project tree" data-testid="tree-unfold">
          »
        </button>
      </nav>
    );
  }
  return (
    <nav className="project-tree" aria-label="Project" data-testid="project-tree">
      <div className="panel-title">
        <span>Project</span>
        <span className="tree-actions">
          {tree && tree.packages.length > 0 && (
            <>
              <button className="icon-button" onClick={() => setFold({ allOpen: true, except: new Set() })} title="Expand all packages" aria-label="Expand all" data-testid="tree-expand-all">
                ⊞
              </button>
              <button className="icon-button" onClick={() => setFold({ allOpen: false, except: new Set() })} title="Collapse all packages" aria-label="Collapse all" data-testid="tree-collapse-all">
                ⊟
              </button>
            </>
          )}
          {onReload && (
            <button className="icon-button" onClick={onReload} title="Reload the package list (go list)">
              ⟳
            </button>
          )}
          <button className="icon-button" onClick={() => onCollapse(true)} title="Fold the project tree to a strip" aria-label="Hide the project tree" data-testid="tree-fold">
            «
          </button>
        </span>
      </div>
      {tree && tree.packages.length > 0 && (
        <input
          className="tree-filter"
          type="search"
          placeholder="Filter packages and files"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter packages and files"
          data-testid="tree-filter"
        />
      )}
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
      {shown && (
        <ul>
          {shown.moduleFiles.map((f) => (
            <FileRow key={f.path} file={f} selected={selected === f.path} onOpen={onOpen} />
          ))}
          {shown.packages.map(({ pkg, files }) => (
            <PackageNode
              key={pkg.importPath}
              pkg={pkg}
              files={files}
              selected={selected}
              onOpen={onOpen}
              // A filter shows what it found: the packages it keeps are open.
              open={filter ? true : isOpen(pkg.importPath)}
              onToggle={() => setOpen(pkg.importPath, !isOpen(pkg.importPath))}
              revealed={revealed === pkg.importPath}
            />
          ))}
          {filter && shown.packages.length === 0 && shown.moduleFiles.length === 0 && (
            <li className="muted tree-note" data-testid="tree-no-match">
              Nothing matches “{filter}”.
            </li>
          )}
        </ul>
      )}
    </nav>
  );
}

/**
 * What a filter keeps: a package whose folder or import path contains the text, with all its files; a
 * package with files whose names contain it, with only those files; module files by name. Case-insensitive.
 */
function filterTree(tree: Tree | null, filter: string) {
  if (!tree) return null;
  const q = filter.trim().toLowerCase();
  if (!q) return { moduleFiles: tree.moduleFiles, packages: tree.packages.map((pkg) => ({ pkg, files: undefined })) };
  const hit = (s: string) => s.toLowerCase().includes(q);
  const packages: Array<{ pkg: TreePackage; files: TreeFile[] | undefined }> = [];
  for (const pkg of tree.packages) {
    if (hit(pkg.dir) || hit(pkg.importPath)) packages.push({ pkg, files: undefined });
    else {
      const files = pkg.files.filter((f) => hit(f.name));
      if (files.length > 0) packages.push({ pkg, files });
    }
  }
  return { moduleFiles: tree.moduleFiles.filter((f) => hit(f.name)), packages };
}
