// Captures the "pathological compile shapes" fixtures (test/fixtures/explain/shapes/) from the real
// compiler: a small generated module with one package per known shape (a 3000-case switch, a
// 20000-element composite literal, a 5000-line function, a 1500-deep if/else-if chain), each beside a few
// ordinary functions, built with -gcflags=example.org/shapes/...=-d=ssa/all/time. The generated sources
// are kept (gzipped) next to the compiler's output, so the tests read the functions' line spans from
// the same text the compiler compiled.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'test/fixtures/explain/shapes');

/** A few ordinary functions, so the shaped one has a package to dominate. */
const ordinary = `
func Small(a, b int) int { return a*3 + b }

func Sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
`;

function switchPkg(cases) {
  const body = [];
  for (let i = 0; i < cases; i++) body.push(`\tcase ${i * 7 + 3}:\n\t\treturn s + ${i % 97}`);
  return `package switchy\n\nfunc Classify(n, s int) int {\n\tswitch n {\n${body.join('\n')}\n\t}\n\treturn -1\n}\n${ordinary}`;
}

function literalPkg(elements) {
  const rows = [];
  for (let i = 0; i < elements; i += 10) {
    const row = [];
    for (let j = i; j < Math.min(i + 10, elements); j++) row.push(`x + ${j}`);
    rows.push(`\t\t${row.join(', ')},`);
  }
  return `package literal\n\nfunc Table(x int) []int {\n\treturn []int{\n${rows.join('\n')}\n\t}\n}\n${ordinary}`;
}

function longPkg(lines) {
  const body = [];
  for (let i = 0; i < lines; i++) {
    body.push(i % 3 === 0 ? `\ts += x * ${i % 13 + 1}` : i % 3 === 1 ? `\tx ^= s >> ${i % 7 + 1}` : `\tt = append(t, s+x)`);
  }
  return `package long\n\nfunc Churn(x, s int) []int {\n\tvar t []int\n${body.join('\n')}\n\treturn t\n}\n${ordinary}`;
}

function ifChainPkg(depth) {
  const parts = [];
  for (let i = 0; i < depth; i++) parts.push(`${i === 0 ? '\tif' : ' else if'} n == ${i * 5 + 1} {\n\t\ts += ${i % 89}\n\t}`);
  return `package ifchain\n\nfunc Grade(n, s int) int {\n${parts.join('')}\n\treturn s\n}\n${ordinary}`;
}

export const SHAPE_PACKAGES = {
  switchy: () => switchPkg(3000),
  literal: () => literalPkg(20000),
  long: () => longPkg(5000),
  ifchain: () => ifChainPkg(1500),
};

export function captureCompileShapeFixtures() {
  rmSync(out, { recursive: true, force: true });
  const temp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-shape-fixtures-'));
  try {
    const project = path.join(temp, 'shapes');
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, 'go.mod'), 'module example.org/shapes\n\ngo 1.22\n');
    const imports = [];
    for (const [name, gen] of Object.entries(SHAPE_PACKAGES)) {
      const text = gen();
      mkdirSync(path.join(project, name));
      writeFileSync(path.join(project, name, `${name}.go`), text);
      write(`src/${name}/${name}.go.gz`, text, true);
      imports.push(`_ "example.org/shapes/${name}"`);
    }
    writeFileSync(path.join(project, 'main.go'), `package main\n\nimport (\n\t${imports.join('\n\t')}\n)\n\nfunc main() {}\n`);
    const env = { ...process.env, GOFLAGS: '', GOCACHE: path.join(temp, 'cache') };
    delete env.GODEBUG;
    const res = spawnSync('go', ['build', '-o', os.devNull, '-gcflags=example.org/shapes/...=-d=ssa/all/time', '.'], {
      cwd: project,
      encoding: 'utf8',
      env,
      maxBuffer: 256 * 1024 * 1024,
    });
    if (res.status !== 0) throw new Error(`go build failed:\n${res.stderr.slice(0, 4000)}`);
    write('ssa-all-time.txt', res.stderr, false);
    write('go-version.txt', spawnSync('go', ['version'], { encoding: 'utf8', env }).stdout, false);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function write(rel, text, gzip) {
  const file = path.join(out, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, gzip ? gzipSync(text, { level: 9 }) : text);
  console.log(`wrote test/fixtures/explain/shapes/${rel} (${text.length} chars)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) captureCompileShapeFixtures();
