// "What changed" for one function: its package compiled twice by the real toolchain, once with the
// files as they were before this session's saves (go build -overlay maps each edited file to its old
// text, so nothing on disk is touched) and once as they are now, each with -m=2, the bounds-check
// report and the function's SSA (GOSSAFUNC through the SSA capture's toolexec wrapper, so only that
// package is recompiled). Then the compare's diffs: remarks (core/compare/remarks.ts) and the SSA pass
// by pass with the generated instructions (core/compare/ssa.ts).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { diffRemarks, diffSsa, type NamedSsa } from '../../../core/compare';
import { attributeFunctions, parseRemarkText } from '../../../core/remarks';
import { compilePkgPath, funcDecls } from '../../../core/ssa/names';
import { toProjectPath } from '../../../core/locations';
import type { Remark } from '../../../shared/remarks';
import type { WhatChanged, WhatChangedBuild, WhatChangedProgress } from '../../../shared/contract/edits';
import { GopsyError } from '../../../shared/rpc';
import { captureSsa, describePackage, ssaToolPaths, type PackageRef } from '../ssa/capture';
import { parseHtmlFileInline } from '../ssa/parseHtmlFile';
import { resolveInside, toRelative } from '../paths';
import { cancelledError, type BuildWatch } from '../ssa/goBuild';

/** The remarks part of the compile: -m=2 (escapes with their flow, inlining) and the bounds checks left. */
export const REMARK_FLAGS = ['-m=2', '-d=ssa/check_bce/debug=1'];

export interface WhatChangedRequest {
  root: string;
  storageDir: string;
  path: string;
  line: number;
  /** Project-relative path → the text before this session's first save of it. */
  before: ReadonlyMap<string, string>;
  /** Cancel (ends the go process tree) and progress, about twice a second while a build runs. */
  signal?: AbortSignal;
  onProgress?: (p: WhatChangedProgress) => void;
}

/** Reports one step of the run; the build's ticks go through its BuildWatch. */
function stepper(req: WhatChangedRequest) {
  const started = Date.now();
  return (step: WhatChangedProgress['step']): BuildWatch => {
    if (req.signal?.aborted) throw cancelledError(`what changed, before ${step === 'diff' ? 'comparing' : step === 'before' ? 'building the before' : 'building now'}`);
    const stepStarted = Date.now();
    const report = (t: Partial<WhatChangedProgress>) =>
      req.onProgress?.({ step, compiled: 0, running: [], lastLine: '', ...t, elapsedMs: Date.now() - started, stepElapsedMs: Date.now() - stepStarted });
    report({});
    return { signal: req.signal, onTick: ({ compiled, running, lastLine }) => report({ compiled, running, lastLine }) };
  };
}

/** The func declaration enclosing a line, named as the compiler names it, or null. */
export function enclosingFunc(lines: string[], line: number): { name: string; line: number } | null {
  const decls = funcDecls(lines.slice(0, line));
  return decls[decls.length - 1] ?? null;
}

interface Side {
  build: WhatChangedBuild;
  remarks: Remark[] | null;
  ssa: NamedSsa[] | null;
}

export async function whatChanged(req: WhatChangedRequest): Promise<WhatChanged> {
  const abs = await resolveInside(req.root, req.path);
  const rel = toRelative(req.root, abs);
  if (!rel.endsWith('.go')) throw new GopsyError('not-go', `${rel} is not a Go file.`);
  const text = await readFile(abs, 'utf8');
  const decl = enclosingFunc(text.split('\n'), req.line);
  if (!decl) throw new GopsyError('no-function', `Line ${req.line} of ${rel} is not inside a func declaration: put the cursor in a function.`);
  const dir = path.posix.dirname(rel);
  const pkg = await describePackage(req.root, dir === '.' ? '.' : `./${dir}`);
  const edited = [...req.before.keys()].sort();
  const notes: string[] = [];
  const base = { path: rel, line: req.line, func: decl.name, pkg: pkg.importPath, edited };
  if (edited.length === 0) {
    notes.push('Nothing was saved in this session yet, so there is no "before" to compare with: the before is the file as it was when you first save it.');
    return { ...base, builds: [], remarks: diffRemarks({ remarks: null }, { remarks: null }), ssa: diffSsa(null, null), notes };
  }
  const work = path.join(req.storageDir, 'edits', randomBytes(6).toString('hex'));
  await mkdir(work, { recursive: true });
  try {
    const replace: Record<string, string> = {};
    for (const [i, p] of edited.entries()) {
      const old = path.join(work, `before-${i}.go`);
      await writeFile(old, req.before.get(p)!);
      replace[path.join(req.root, p)] = old;
    }
    const overlay = path.join(work, 'overlay.json');
    await writeFile(overlay, JSON.stringify({ Replace: replace }));
    const sources = (label: 'before' | 'after') => (file: string) => {
      const p = toProjectPath(req.root, file);
      const old = label === 'before' && p ? req.before.get(p) : undefined;
      return old !== undefined ? Promise.resolve(old) : readFile(path.resolve(req.root, file), 'utf8');
    };
    const step = stepper(req);
    const before = await buildSide(req, pkg, decl.name, 'before', path.join(work, 'before'), overlay, sources('before'), step('before'));
    const after = await buildSide(req, pkg, decl.name, 'after', path.join(work, 'after'), undefined, sources('after'), step('after'));
    step('diff');
    for (const s of [before, after]) {
      if (s.build.exitCode !== 0) notes.push(`The ${s.build.label} build failed: its remarks and SSA are partial or missing (the compiler's errors are below).`);
      if (!s.ssa) notes.push(`The ${s.build.label} build has no SSA for ${decl.name}${s.build.label === 'before' ? ' (new since the edit?)' : ''}.`);
    }
    return {
      ...base,
      builds: [before.build, after.build],
      remarks: diffRemarks({ remarks: before.remarks }, { remarks: after.remarks }),
      ssa: diffSsa(before.ssa, after.ssa),
      notes,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function buildSide(
  req: WhatChangedRequest,
  pkg: PackageRef,
  func: string,
  label: 'before' | 'after',
  outDir: string,
  overlay: string | undefined,
  readSource: (file: string) => Promise<string>,
  watch: BuildWatch,
): Promise<Side> {
  const tools = await ssaToolPaths(req.storageDir);
  const res = await captureSsa({ root: req.root, pkg, funcs: [func], outDir, tools, gcflags: REMARK_FLAGS, ...(overlay ? { overlay } : {}) }, watch);
  const command = `go build${overlay ? ' -overlay <the edited files before the edits>' : ''} -toolexec … -gcflags=${pkg.importPath}=${[...REMARK_FLAGS, `-d=ssa/all/dump=${func}`].join(' ')} (GOSSAFUNC=${compilePkgPath(pkg.importPath, pkg.name)}.${func}) ${pkg.importPath}`;
  const parsed = parseRemarkText(res.output);
  const byFile = new Map<string, Remark[]>();
  for (const r of parsed.remarks) {
    const p = toProjectPath(req.root, r.file);
    if (p) r.path = p;
    if (r.file.startsWith('<')) continue;
    byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  }
  for (const [file, list] of byFile) {
    const src = await readSource(file).catch(() => null);
    if (src !== null) attributeFunctions(list, src);
  }
  const html = res.files.find((f) => f.endsWith('.html'));
  const fn = html ? await parseHtmlFileInline(html, () => undefined) : null;
  const key = `${pkg.importPath}.${func}`;
  return {
    build: { label, command, exitCode: res.exitCode, errors: res.exitCode !== 0 ? res.output.trim().slice(0, 4000) : '' },
    remarks: res.exitCode === 0 || parsed.remarks.length > 0 ? parsed.remarks : null,
    ssa: fn ? [{ key, fn }] : null,
    };
}
