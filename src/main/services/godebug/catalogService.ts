// Builds the GODEBUG catalog of a toolchain from the files under its GOROOT and `go tool compile -d help`,
// cached per GOROOT and version. Also finds other toolchains on this machine (GOTOOLCHAIN downloads
// in the module cache) so validation can say "needs a newer Go" instead of "does not exist".
import { readFile, readdir } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { buildCatalog, type BuiltCatalog } from '../../../core/godebug';
import { childEnv } from '../go/run';

const cache = new Map<string, Promise<BuiltCatalog>>();

const readOpt = (file: string) => readFile(file, 'utf8').catch(() => undefined);

/** The version a GOROOT says it is (first line of GOROOT/VERSION, e.g. go1.26.8). */
export async function gorootVersion(goroot: string): Promise<string | undefined> {
  const text = await readOpt(path.join(goroot, 'VERSION'));
  const first = text?.split('\n')[0]?.trim();
  return first && /^go\d/.test(first) ? first : undefined;
}

function compileHelp(goroot: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      path.join(goroot, 'bin', 'go'),
      ['tool', 'compile', '-d', 'help'],
      { env: childEnv({ GOTOOLCHAIN: 'local', GOROOT: goroot }), timeout: 30_000, encoding: 'utf8' },
      (err, stdout, stderr) => resolve(err && !stdout && !stderr ? undefined : stdout + stderr),
    );
  });
}

/** The HTTP/2 code that reads GODEBUG itself: h2_bundle.go up to go1.26, internal/http2 after. */
async function http2Sources(goroot: string): Promise<string | undefined> {
  const bundle = await readOpt(path.join(goroot, 'src/net/http/h2_bundle.go'));
  if (bundle) return bundle;
  const dir = path.join(goroot, 'src/net/http/internal/http2');
  const files = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(files.filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).map((f) => readOpt(path.join(dir, f))));
  return texts.filter(Boolean).join('\n') || undefined;
}

export function catalogFor(goroot: string, version?: string, opts: { withCompileHelp?: boolean } = {}): Promise<BuiltCatalog> {
  const withHelp = opts.withCompileHelp ?? true;
  const key = `${goroot}\0${version ?? ''}\0${withHelp}`;
  let c = cache.get(key);
  if (!c) {
    c = (async () => {
      const [runtime1, table, http2, fuzz, help, v] = await Promise.all([
        readOpt(path.join(goroot, 'src/runtime/runtime1.go')),
        readOpt(path.join(goroot, 'src/internal/godebugs/table.go')),
        http2Sources(goroot),
        readOpt(path.join(goroot, 'src/internal/fuzz/pcg.go')),
        withHelp ? compileHelp(goroot) : Promise.resolve(undefined),
        version ? Promise.resolve(version) : gorootVersion(goroot),
      ]);
      return buildCatalog({
        goVersion: v ?? 'unknown Go version',
        goroot,
        ...(runtime1 ? { runtime1 } : {}),
        ...(table ? { table } : {}),
        ...(http2 ? { http2 } : {}),
        ...(fuzz ? { fuzz } : {}),
        ...(help ? { compileHelp: help } : {}),
      });
    })();
    cache.set(key, c);
    c.catch(() => cache.delete(key));
  }
  return c;
}

/** Toolchains GOTOOLCHAIN downloaded into the module cache (GOMODCACHE/golang.org/toolchain@v0.0.1-goX.Y.Z.os-arch). */
export async function otherToolchainCatalogs(gomodcache: string | undefined, except: string): Promise<BuiltCatalog[]> {
  if (!gomodcache) return [];
  const dir = path.join(gomodcache, 'golang.org');
  const entries = await readdir(dir).catch(() => [] as string[]);
  const roots = entries.filter((e) => e.startsWith('toolchain@')).map((e) => path.join(dir, e));
  const cats = await Promise.all(roots.map((r) => catalogFor(r, undefined, { withCompileHelp: false }).catch(() => null)));
  return cats.filter((c): c is BuiltCatalog => !!c && c.goVersion !== except && c.settings.length > 0);
}
