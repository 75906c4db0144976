// The GODEBUG defaults a project builds into its binaries: go.mod / go.work go and godebug lines,
// //go:debug directives in main packages, and what the go command computes from them (DefaultGODEBUG).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectGodebugDefaults, WorkspaceState } from '../../../shared/api';
import { parseGoDebugDirectives, parseModGodebug, validateGodebug, type BuiltCatalog } from '../../../core/godebug';
import { goList } from '../go/list';

const SKIP_DIRS = new Set(['vendor', 'testdata', 'node_modules']);
const MAX_FILES = 5000;

async function goFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    if (out.length >= MAX_FILES) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('_')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) await walk(p);
      else if (e.isFile() && e.name.endsWith('.go') && out.length < MAX_FILES) out.push(p);
    }
  };
  await walk(root);
  return out;
}

export async function projectDefaults(ws: WorkspaceState, catalog: BuiltCatalog): Promise<ProjectGodebugDefaults> {
  const result: ProjectGodebugDefaults = { lines: [], defaultGodebug: [], findings: [] };
  const rel = (p: string) => path.relative(ws.root, p) || path.basename(p);
  const modFiles = [ws.goMod ? path.join(ws.goMod.dir, 'go.mod') : null, ws.goWork ?? null].filter((f): f is string => !!f);
  for (const file of modFiles) {
    const parsed = parseModGodebug(await readFile(file, 'utf8').catch(() => ''));
    if (parsed.go && file.endsWith('go.mod')) result.goVersion = parsed.go;
    for (const g of parsed.godebug) result.lines.push({ file: rel(file), line: g.line, key: g.key, value: g.value, kind: 'godebug' });
  }
  for (const file of await goFiles(ws.root)) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (!text.includes('//go:debug')) continue;
    const d = parseGoDebugDirectives(text);
    for (const g of d.directives) {
      result.lines.push({ file: rel(file), line: g.line, key: g.key, value: g.value, kind: d.packageName === 'main' ? 'go:debug' : 'go:debug-ignored' });
    }
  }
  // `default=go1.X` is a directive of its own, not a setting.
  const settings = result.lines.filter((l) => l.key !== 'default' && l.kind !== 'go:debug-ignored');
  result.findings = validateGodebug(settings.map((l) => `${l.key}=${l.value}`).join(','), catalog);
  const format = '{{if eq .Name "main"}}{{.ImportPath}}\t{{.DefaultGODEBUG}}{{end}}';
  const list = await goList({ format, patterns: ['./...'] }, { cwd: ws.root, timeoutMs: 60_000 }).catch((err: Error) => ({ stdout: '', stderr: err.message, exitCode: -1 }));
  for (const line of list.stdout.split('\n')) {
    const [pkg, value] = line.split('\t');
    if (pkg) result.defaultGodebug.push({ package: pkg, value: value ?? '' });
  }
  if (list.exitCode !== 0) result.problem = `go list failed: ${list.stderr.trim().slice(0, 300)}`;
  return result;
}
