// `go list -e`: packages as JSON (the project tree, a package's dependencies) or through a -f template.
import type { ProjectTree } from '../../../shared/api';
import { parseGoList } from '../../../core/goList';
import { parseGoListDeps, type DepPackage } from '../../../core/modules/importChain';
import { runGo, type GoCallOptions, type GoCommandResult } from './run';

export const GO_LIST_TIMEOUT_MS = 120_000;

/** What to list and how: flags in the order go list is given them, then the patterns. */
export interface GoListQuery {
  patterns: readonly string[];
  deps?: boolean;
  test?: boolean;
  /** -json (true) or -json=Field,... */
  json?: true | readonly string[];
  /** -f template */
  format?: string;
}

/** Options of one listing; timeoutMs replaces GO_LIST_TIMEOUT_MS where a caller allows less. */
export type GoListOptions = GoCallOptions & { timeoutMs?: number };

export function goListArgs(q: GoListQuery): string[] {
  return [
    'list',
    '-e',
    ...(q.deps ? ['-deps'] : []),
    ...(q.test ? ['-test'] : []),
    ...(q.json === true ? ['-json'] : q.json ? [`-json=${q.json.join(',')}`] : []),
    ...(q.format !== undefined ? ['-f', q.format] : []),
    ...q.patterns,
  ];
}

/** `go list -e ...`: the raw output, for -f templates whose lines the caller reads. */
export function goList(q: GoListQuery, opts: GoListOptions = {}): Promise<GoCommandResult> {
  return runGo(goListArgs(q), { ...opts, timeoutMs: opts.timeoutMs ?? GO_LIST_TIMEOUT_MS });
}

/** `go list -e -json ./...` in root: the project's package tree. */
export async function goListTree(root: string): Promise<GoCommandResult & { tree: ProjectTree }> {
  const res = await goList({ json: true, patterns: ['./...'] }, { cwd: root });
  return { ...res, tree: parseGoList(res.stdout, root) };
}

/** `go list -e -deps -json=<fields>` of one package in root: it and every package it depends on. */
export async function goListDeps(
  root: string,
  pkgArg: string,
): Promise<GoCommandResult & { packages: DepPackage[] }> {
  const json = ['ImportPath', 'Imports', 'Module', 'Standard', 'DepOnly'];
  const res = await goList({ deps: true, json, patterns: [pkgArg] }, { cwd: root });
  return { ...res, packages: parseGoListDeps(res.stdout) };
}
