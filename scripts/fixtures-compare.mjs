// Captures the comparison fixtures (test/fixtures/compare/<go version>/): the same build of the sample
// project with two toolchains, the current `go` and an older one fetched through the module proxy
// (GOTOOLCHAIN=go1.24.0). Each directory is laid out like a run directory: bench.txt (-bench),
// logopt/ (-json=0), ssa/ (GOSSADIR html of one function), nm.txt (`go tool nm -size -sort size` of the
// linked binary; the binary itself is not kept) and go-version.txt.
// A private GOCACHE per toolchain is warmed with the same GOSSAFUNC/GOSSADIR (they are part of every
// action ID), so only the sample's packages compile in the captured build and the files stay small.
// Machine paths are replaced: the project by @ROOT@, the capture directory by @RUN@, GOROOT by @GOROOT@.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'test/fixtures/compare');
export const OLD_TOOLCHAIN = 'go1.24.0';
export const SSA_FUNC = 'example.com/inventory/store.(*Store).Value';

export function captureCompareFixtures() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const temp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-compare-fixtures-'));
  try {
    const project = path.join(temp, 'inventory');
    cpSync(path.join(repo, 'resources/samples/inventory'), project, { recursive: true });
    for (const toolchain of ['local', OLD_TOOLCHAIN]) capture(temp, project, toolchain);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function capture(temp, project, toolchain) {
  const dir = path.join(temp, `run-${toolchain}`);
  const ssaDir = path.join(dir, 'ssa');
  const env = { ...process.env, GOFLAGS: '', GOTOOLCHAIN: toolchain, GOCACHE: path.join(temp, `cache-${toolchain}`), GOSSAFUNC: SSA_FUNC, GOSSADIR: ssaDir };
  const go = (args) => {
    const res = spawnSync('go', args, { cwd: project, encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
    if (res.status !== 0) throw new Error(`go ${args.join(' ')} (GOTOOLCHAIN=${toolchain}) failed:\n${res.stderr}`);
    return res;
  };
  const version = go(['version']).stdout;
  const goVersion = /go version (\S+)/.exec(version)[1];
  const goroot = go(['env', 'GOROOT']).stdout.trim();
  go(['build', '-o', os.devNull, './...']); // warm the private cache (std compiles here)
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'logopt'), { recursive: true });
  go(['build', '-o', path.join(dir, 'out') + path.sep, `-gcflags=example.com/inventory/...=-bench=${dir}/bench.txt -json=0,file://${dir}/logopt`, '.']);
  const nm = go(['tool', 'nm', '-size', '-sort', 'size', path.join(dir, 'out', 'inventory')]).stdout;

  const target = path.join(out, goVersion);
  const clean = (s) => s.split(dir).join('@RUN@').split(project).join('@ROOT@').split(goroot).join('@GOROOT@');
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(target, rel)), { recursive: true });
    writeFileSync(path.join(target, rel), text);
    console.log(`wrote test/fixtures/compare/${goVersion}/${rel} (${text.length} chars)`);
  };
  write('go-version.txt', version);
  write('bench.txt', clean(readFileSync(path.join(dir, 'bench.txt'), 'utf8')));
  write('nm.txt', nm);
  for (const rel of readdirSync(path.join(dir, 'logopt'), { recursive: true }).map(String).sort()) {
    if (rel.endsWith('.json')) write(`logopt/${rel}`, clean(readFileSync(path.join(dir, 'logopt', rel), 'utf8')));
  }
  for (const rel of readdirSync(ssaDir, { recursive: true }).map(String).sort()) {
    if (rel.endsWith('.html')) write(`ssa/${rel}`, clean(readFileSync(path.join(ssaDir, rel), 'utf8')));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) captureCompareFixtures();
