// The SSA browser's backend: lists functions, captures one (capture.ts), and answers the view's
// paged questions from the parsed data (ssaStore.ts, core/ssa/analysis.ts).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { SsaCaptureResult } from '../../../shared/contract/ssa';
import { GopsyError } from '../../../shared/rpc';
import { candidates, compilePkgPath, normaliseQuery, resolveName, type CompiledFunc } from '../../../core/ssa/names';
import { captureSsa, describePackage, listFunctions, ssaToolPaths, type PackageRef } from './capture';
import { SsaStore } from './ssaStore';
import { ssaCaptureDir } from './layout';

export class SsaService {
  readonly store = new SsaStore();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly funcCache = new Map<string, CompiledFunc[]>();

  constructor(private readonly storageDir: string) {}

  /** Builds run one at a time: they share gopsy's GOCACHE and the machine's cores. */
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async functions(root: string, pkgArg: string, test = false): Promise<{ pkg: PackageRef; functions: CompiledFunc[] }> {
    const pkg = await describePackage(root, pkgArg);
    const key = `${root}\0${pkg.importPath}\0${test}`;
    const functions = await this.serial(async () => listFunctions(root, pkg, await ssaToolPaths(this.storageDir), test));
    this.funcCache.set(key, functions);
    return { pkg, functions };
  }

  async capture(root: string, pkgArg: string, func: string, test = false): Promise<SsaCaptureResult> {
    const pkg = await describePackage(root, pkgArg);
    const pkgPath = compilePkgPath(pkg.importPath, pkg.name);
    const name = normaliseQuery(func, pkgPath);
    const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const outDir = ssaCaptureDir(this.storageDir, root, id);
    const res = await this.serial(async () =>
      captureSsa({ root, pkg, funcs: [name], test, outDir, tools: await ssaToolPaths(this.storageDir) }),
    );
    if (!res.files.some((f) => f.endsWith('.html'))) {
      if (res.exitCode !== 0) {
        return { ok: false, message: `The build failed, so there is no SSA:\n${res.output.trim().slice(0, 2000)}`, candidates: [], output: res.output };
      }
      // The compiler is silent when GOSSAFUNC matches nothing: say so, and offer what exists.
      const { functions } = await this.functions(root, pkgArg, test);
      const known = resolveName(name, pkgPath, functions);
      const message = known
        ? `The compiler wrote no SSA for ${name} although the package compiles it.`
        : `No function named ${name} is compiled in ${pkg.importPath}${test ? ' (test build)' : ''}.` +
          (name.includes('[') || /^[A-Z]\w*$/.test(name) ? ' Generic functions are compiled as shaped instantiations (Map[go.shape.int]) in the package that uses them.' : '');
      return { ok: false, message, candidates: candidates(name, functions), output: res.output };
    }
    const formats = await this.store.load(id, outDir, name);
    return { ok: true, id, func: name, formats, output: res.output };
  }

  /** Opens a directory that already holds ssa.html or dumps (a run directory, an unpacked bundle). */
  async openDir(dir: string, func?: string): Promise<{ id: string; formats: Array<'html' | 'dumps'> }> {
    const id = `dir-${randomBytes(4).toString('hex')}`;
    const formats = await this.store.load(id, dir, func);
    return { id, formats };
  }

  /**
   * openDir for a path from the UI: relative to the project, and only inside the project or gopsy's
   * storage, so a client cannot make the backend walk arbitrary folders.
   */
  async openInProject(root: string, dir: string, func?: string): Promise<{ id: string; formats: Array<'html' | 'dumps'> }> {
    const abs = path.resolve(root, dir);
    const inside = (base: string) => {
      const rel = path.relative(path.resolve(base), abs);
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    };
    if (!inside(root) && !inside(this.storageDir)) {
      throw new GopsyError('outside-project', `${dir} is outside the project and gopsy's storage.`);
    }
    return this.openDir(abs, func);
  }
}

export function requireRoot(root: string | undefined): string {
  if (!root) throw new GopsyError('no-project', 'No project is open. Open a folder first.');
  return root;
}
