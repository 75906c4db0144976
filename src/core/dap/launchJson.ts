// Maps the Go configurations of VS Code's .vscode/launch.json (vscode-go's launch attributes) to
// gopsy's DebugConfig and back, so that people moving between editors keep their setups.
import type { DebugConfig, DebugMode } from '../../shared/contract/debug';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

/** `${workspaceFolder}/x` → `x`; other VS Code variables cannot be resolved here. */
function projectPath(v: unknown): { ok: true; path: string | undefined } | { ok: false; why: string } {
  if (v === undefined) return { ok: true, path: undefined };
  if (typeof v !== 'string') return { ok: false, why: 'a path that is not a string' };
  const p = v.replace(/^\$\{workspaceFolder\}\/?/, '').replace(/^\.\//, '') || '.';
  if (/\$\{/.test(p)) return { ok: false, why: `the variable in ${v} (only \${workspaceFolder} is understood)` };
  return { ok: true, path: p };
}

/** vscode-go takes buildFlags as one string (split like a shell would, quotes kept together) or an array. */
export function splitFlags(v: unknown): string[] | undefined {
  const arr = strings(v);
  if (arr) return arr;
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|([^\s'"]+)/g;
  let cur = '';
  let m: RegExpExecArray | null;
  let lastEnd = -1;
  while ((m = re.exec(v))) {
    const piece = m[1] ?? m[2] ?? m[3] ?? '';
    if (lastEnd === m.index) cur += piece; // adjacent pieces form one word: -gcflags='all=-N -l'
    else {
      if (lastEnd >= 0) out.push(cur);
      cur = piece;
    }
    lastEnd = m.index + m[0].length;
  }
  if (lastEnd >= 0) out.push(cur);
  return out;
}

export interface ImportResult {
  configs: DebugConfig[];
  skipped: string[];
}

export function importLaunchConfigs(json: unknown): ImportResult {
  const configs: DebugConfig[] = [];
  const skipped: string[] = [];
  const list = isObj(json) && Array.isArray(json.configurations) ? json.configurations : null;
  if (!list) return { configs, skipped: ['launch.json has no "configurations" list'] };
  for (const raw of list) {
    if (!isObj(raw)) continue;
    const name = typeof raw.name === 'string' ? raw.name : '(unnamed)';
    if (raw.type !== 'go') continue; // other debuggers' configurations are not ours to import
    const skip = (why: string) => skipped.push(`${name}: ${why}`);
    const request = raw.request;
    const vsMode = typeof raw.mode === 'string' ? raw.mode : request === 'attach' ? 'local' : 'debug';
    let mode: DebugMode;
    if (request === 'attach') {
      if (vsMode === 'local') mode = 'attach';
      else if (vsMode === 'remote') mode = 'remote';
      else {
        skip(`attach mode ${vsMode}`);
        continue;
      }
    } else if (vsMode === 'debug' || vsMode === 'test' || vsMode === 'exec' || vsMode === 'core') mode = vsMode;
    else if (vsMode === 'auto') mode = 'debug';
    else {
      skip(`mode ${vsMode}`);
      continue;
    }
    const program = projectPath(raw.program);
    const cwd = projectPath(raw.cwd);
    const core = projectPath(raw.coreFilePath);
    const bad = [program, cwd, core].find((p) => !p.ok);
    if (bad && !bad.ok) {
      skip(bad.why);
      continue;
    }
    const cfg: DebugConfig = { name, mode };
    if (program.ok && program.path) cfg.program = program.path;
    if (cwd.ok && cwd.path) cfg.cwd = cwd.path;
    if (core.ok && core.path) cfg.coreFile = core.path;
    let args = strings(raw.args);
    if (mode === 'test' && args) {
      const i = args.findIndex((a) => a === '-test.run' || a === '-run');
      if (i >= 0 && args[i + 1] !== undefined) {
        cfg.testFilter = args[i + 1]!;
        args = [...args.slice(0, i), ...args.slice(i + 2)];
      }
    }
    if (args?.length) cfg.args = args;
    if (isObj(raw.env)) {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw.env)) if (typeof v === 'string') env[k] = v;
      cfg.env = env;
    }
    const flags = splitFlags(raw.buildFlags);
    if (flags?.length) cfg.buildFlags = flags;
    if (typeof raw.processId === 'number') cfg.processId = raw.processId;
    if (typeof raw.host === 'string') cfg.host = raw.host;
    if (typeof raw.port === 'number') cfg.port = raw.port;
    if (raw.stopOnEntry === true) cfg.stopOnEntry = true;
    configs.push(cfg);
  }
  return { configs, skipped };
}

const ws = (p: string | undefined) => (p === undefined ? undefined : p === '.' ? '${workspaceFolder}' : `\${workspaceFolder}/${p}`);

/** One vscode-go configuration for a gopsy one. */
export function exportLaunchConfig(c: DebugConfig): Obj {
  const base: Obj = { name: c.name, type: 'go' };
  if (c.mode === 'attach') return { ...base, request: 'attach', mode: 'local', processId: c.processId ?? 0 };
  if (c.mode === 'remote') return { ...base, request: 'attach', mode: 'remote', host: c.host ?? '127.0.0.1', port: c.port ?? 2345 };
  const out: Obj = { ...base, request: 'launch', mode: c.mode, program: ws(c.program ?? '.') };
  const args = [...(c.mode === 'test' && c.testFilter ? ['-test.run', c.testFilter] : []), ...(c.args ?? [])];
  if (args.length) out.args = args;
  if (c.cwd) out.cwd = ws(c.cwd);
  if (c.env) out.env = c.env;
  if (c.buildFlags?.length) out.buildFlags = c.buildFlags;
  if (c.mode === 'core' && c.coreFile) out.coreFilePath = ws(c.coreFile);
  if (c.stopOnEntry) out.stopOnEntry = true;
  return out;
}

/** Merges gopsy's configurations into an existing launch.json value: same-named Go ones are replaced, others kept. */
export function mergeLaunchJson(existing: unknown, configs: DebugConfig[]): Obj {
  const base: Obj = isObj(existing) ? { ...existing } : {};
  const names = new Set(configs.map((c) => c.name));
  const kept = (Array.isArray(base.configurations) ? base.configurations : []).filter(
    (c) => !(isObj(c) && c.type === 'go' && typeof c.name === 'string' && names.has(c.name)),
  );
  return { version: typeof base.version === 'string' ? base.version : '0.2.0', ...base, configurations: [...kept, ...configs.map(exportLaunchConfig)] };
}
