// Go toolchains the go command has already downloaded (GOTOOLCHAIN=goX.Y.Z needs no network for
// them): the module cache holds each as golang.org/toolchain@v0.0.1-goX.Y.Z.GOOS-GOARCH.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { goEnv } from '../go/env';

const DIR = /^toolchain@v0\.0\.1-(go1\.[\w.]+?)\.([a-z0-9]+)-([a-z0-9]+)$/;

export function toolchainsIn(names: readonly string[], goos: string, goarch: string): string[] {
  const out: string[] = [];
  for (const n of names) {
    const m = DIR.exec(n);
    if (m && m[2] === goos && m[3] === goarch) out.push(m[1]!);
  }
  // Newest first: go1.26.1 before go1.24.0 before go1.9.
  return out.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
}

export async function downloadedToolchains(): Promise<{ current?: string; downloaded: string[] }> {
  const res = await goEnv(['GOMODCACHE', 'GOOS', 'GOARCH', 'GOVERSION']).catch(() => null);
  if (!res || res.exitCode !== 0 || !res.env) return { downloaded: [] };
  const env = res.env;
  const names = await readdir(path.join(env.GOMODCACHE ?? '', 'golang.org')).catch(() => [] as string[]);
  return { ...(env.GOVERSION ? { current: env.GOVERSION } : {}), downloaded: toolchainsIn(names, env.GOOS ?? '', env.GOARCH ?? '') };
}
