// Fixtures for the instructions of source lines (src/core/binary/compileAsm.ts, linesAsm.ts), captured
// from the real toolchain on resources/samples/asmlines (a generic function, a closure, methods, two
// init functions, a callee inlined from another file, a test function): objdump of the linked program
// and of its test binary (go test -c), and the compiler's -S listing of the package.
// Called by regenerate-fixtures.mjs; the sample's path is rewritten to @ROOT@, GOROOT to @GOROOT@.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function captureLinesAsmFixtures(repo) {
  const sample = path.join(repo, 'resources/samples/asmlines');
  const out = path.join(repo, 'test/fixtures/linesAsm');
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-linesasm-'));
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: sample, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, GOFLAGS: '' } });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
    return r;
  };
  const goroot = run('go', ['env', 'GOROOT']).stdout.trim();
  const write = (name, text) => {
    writeFileSync(path.join(out, name), text.split(sample).join('@ROOT@').split(goroot).join('@GOROOT@'));
    console.log(`wrote test/fixtures/linesAsm/${name} (${text.length} chars)`);
  };
  try {
    const bin = path.join(tmp, 'asmlines');
    run('go', ['build', '-o', bin, '.']);
    // The module's own functions and main's: where the package's code and its inlined copies are.
    write('objdump.txt', run('go', ['tool', 'objdump', '-s', '^(main|example\\.com/asmlines)[./]', bin]).stdout);
    const test = path.join(tmp, 'shapes.test');
    run('go', ['test', '-c', '-o', test, './shapes']);
    write('objdump-test.txt', run('go', ['tool', 'objdump', '-s', '^(main|example\\.com/asmlines)[./]', test]).stdout);
    // -S goes to stderr, each package's listing after its `# path` line; main instantiates the generic Sum.
    write('compile-S.txt', run('go', ['build', '-gcflags=example.com/asmlines/...=-S', '-o', path.join(tmp, 'x'), '.']).stderr);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
