// The module panel's data: where the resolution settings come from, `go mod verify` and `go mod graph`
// when the user asks, and the import chain to a package. Read-only: gopsy never edits go.sum, go.mod
// or the module cache, and never runs the commands its explanations suggest.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModulePanel, ModVerifyResponse } from '../../../shared/contract/binary';
import type { ModGraphEdge } from '../../../shared/contract/binaryTypes';
import { GopsyError } from '../../../shared/rpc';
import { MODULE_ENV_KEYS, envProvenance, parseGoEnvFile } from '../../../core/modules/envProvenance';
import { selectedVersions } from '../../../core/modules/modGraph';
import { findImportChain } from '../../../core/modules/importChain';
import { childEnv } from '../go/run';
import { goEnv } from '../go/env';
import { goListDeps } from '../go/list';
import { goModGraph, goModVerify } from '../go/mod';
import { resolveInside, toRelative } from '../paths';

const readText = (file: string) => readFile(file, 'utf8').catch(() => '');

export async function modulePanel(root: string): Promise<ModulePanel> {
  const [values, where] = await Promise.all([
    goEnv(MODULE_ENV_KEYS, { cwd: root }),
    goEnv(['GOENV', 'GOROOT'], { cwd: root }),
  ]);
  const effective = values.env;
  if (values.exitCode !== 0 || !effective) throw new GopsyError('go-env-failed', `go env failed: ${values.stderr.trim().slice(0, 500)}`);
  const loc = where.env ?? {};
  const envFilePath = loc.GOENV && loc.GOENV !== 'off' ? loc.GOENV : undefined;
  const rows = envProvenance({
    keys: MODULE_ENV_KEYS,
    effective,
    environment: childEnv(),
    envFile: parseGoEnvFile(envFilePath ? await readText(envFilePath) : ''),
    rootEnvFile: parseGoEnvFile(loc.GOROOT ? await readText(path.join(loc.GOROOT, 'go.env')) : ''),
    ...(envFilePath ? { envFilePath } : {}),
  });
  return { env: rows, ...(envFilePath ? { goEnvFile: envFilePath } : {}) };
}

export async function modVerify(root: string): Promise<ModVerifyResponse> {
  const res = await goModVerify({ cwd: root });
  return { ok: res.verdict.ok, exitCode: res.exitCode, output: res.output, problems: res.verdict.problems };
}

export async function modGraph(root: string): Promise<{ ok: boolean; error?: string; edges: ModGraphEdge[]; selected: Array<{ path: string; version: string }> }> {
  const res = await goModGraph({ cwd: root });
  const edges = res.edges;
  const selected = [...selectedVersions(edges)].map(([p, version]) => ({ path: p, version })).sort((a, b) => a.path.localeCompare(b.path));
  return { ok: res.exitCode === 0, edges, selected, ...(res.exitCode !== 0 ? { error: res.stderr.trim().slice(0, 2000) } : {}) };
}

export async function importChain(root: string, target: string, fromRel = '.'): Promise<{ root: string; chain: string[] | null; error?: string }> {
  const dir = await resolveInside(root, fromRel);
  if (!(await stat(dir)).isDirectory()) throw new GopsyError('not-a-folder', `${fromRel} is not a package folder.`);
  const rel = toRelative(root, dir);
  const res = await goListDeps(root, rel === '.' ? '.' : `./${rel}`);
  const pkgs = res.packages;
  const start = pkgs.find((p) => !p.depOnly)?.importPath;
  if (!start) return { root: rel, chain: null, error: `go list found no package in ${rel}: ${res.stderr.trim().slice(0, 500)}` };
  return { root: start, chain: findImportChain(pkgs, start, target.trim()) };
}
