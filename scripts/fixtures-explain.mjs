// Captures the "why was this rebuilt?" and "which function made the compile slow?" fixtures
// (test/fixtures/explain/) from the real toolchain on a temp copy of test/fixtures/explain/src:
// the go command's GODEBUG=gocachehash=1 stderr for a first build and for builds after one change each
// (an edited file, an edited dependency, -gcflags, GOAMD64, the same with GOTOOLCHAIN=go1.24.0, and a
// go vet pair), plus -d=ssa/all/time and -d=ssa/all/mem output of the sample's own packages.
// Each toolchain starts from an empty private GOCACHE, so the first build really compiles everything.
// The hash dumps are kept byte for byte (paths included): the parser checks every action ID by
// hashing the printed inputs again, which a rewritten path would break. They are gzipped (a build
// that links prints ~200 kB, half of it the module index of the standard library).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(repo, 'test/fixtures/explain/src');
const out = path.join(repo, 'test/fixtures/explain');
export const EXPLAIN_OLD_TOOLCHAIN = 'go1.24.0';

export function captureExplainFixtures() {
  for (const f of ['cachehash', 'compilecost']) rmSync(path.join(out, f), { recursive: true, force: true });
  const temp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-explain-fixtures-'));
  try {
    captureCacheHash(temp, 'local', 'go1.26');
    captureCacheHash(temp, EXPLAIN_OLD_TOOLCHAIN, 'go1.24');
    captureCompileCost(temp);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function goRunner(project, env) {
  return (args, extraEnv = {}, expectOk = true) => {
    const res = spawnSync('go', args, {
      cwd: project,
      encoding: 'utf8',
      env: { ...env, ...extraEnv },
      maxBuffer: 256 * 1024 * 1024,
    });
    if (expectOk && res.status !== 0) throw new Error(`go ${args.join(' ')} failed:\n${res.stderr}`);
    return res;
  };
}

function writeOut(rel, text, gzip) {
  const file = path.join(out, rel + (gzip ? '.gz' : ''));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, gzip ? gzipSync(text, { level: 9 }) : text);
  console.log(`wrote test/fixtures/explain/${rel}${gzip ? '.gz' : ''} (${text.length} chars)`);
}

/** Edits a file of the temp project, runs fn, and puts the file back. */
function withEdit(project, rel, edit, fn) {
  const file = path.join(project, rel);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${rel} changed nothing`);
  writeFileSync(file, after);
  try {
    fn();
  } finally {
    writeFileSync(file, before);
  }
}

const editMain = (s) => s.replace('report.Line(entries, "cash")', 'report.Line(entries, "bank")');
// A change to the code: ledger's compiled output differs, so every package above it compiles again.
const editLedger = (s) => s.replace('if e.Account == account {', 'if e.Account == account && e.Cents != 0 {');
// A comment only: ledger compiles again, but to the same output, so nothing above it does.
const commentLedger = (s) => s.replace('var total int64', 'var total int64 // the sum so far');

function captureCacheHash(temp, toolchain, label) {
  // Both toolchains build the same directory: the directory is part of every action ID.
  const project = path.join(temp, 'x');
  rmSync(project, { recursive: true, force: true });
  cpSync(src, project, { recursive: true });
  const env = {
    ...process.env,
    GOFLAGS: '',
    GOTOOLCHAIN: toolchain,
    GOCACHE: path.join(temp, `cache-${label}`),
  };
  delete env.GODEBUG;
  const go = goRunner(project, env);
  const version = go(['version']).stdout;
  writeOut(`cachehash/${label}/go-version.txt`, version, false);
  const hashed = (name, args, extraEnv = {}) => {
    const res = go(args, { GODEBUG: 'gocachehash=1', ...extraEnv });
    writeOut(`cachehash/${label}/${name}.txt`, res.stderr, true);
  };
  const build = ['build', '-o', os.devNull, '.'];
  hashed('first', build);
  withEdit(project, 'ledger/ledger.go', editLedger, () => hashed('edit-ledger', build));
  if (label !== 'go1.26') return;
  hashed('again', build);
  withEdit(project, 'ledger/ledger.go', commentLedger, () => hashed('comment-ledger', build));
  withEdit(project, 'main.go', editMain, () => hashed('edit-main', build));
  hashed('gcflags', ['build', '-o', os.devNull, '-gcflags=all=-N', '.']);
  hashed('goamd64', build, { GOAMD64: 'v3' });
  hashed('vet-first', ['vet', './ledger', './report']);
  withEdit(project, 'ledger/ledger.go', editLedger, () =>
    hashed('vet-edit-ledger', ['vet', './ledger', './report']),
  );
}

function captureCompileCost(temp) {
  const project = path.join(temp, 'x-cost');
  cpSync(src, project, { recursive: true });
  const env = { ...process.env, GOFLAGS: '', GOCACHE: path.join(temp, 'cache-cost') };
  delete env.GODEBUG;
  const go = goRunner(project, env);
  for (const [name, flag] of [
    ['time', '-d=ssa/all/time'],
    ['mem', '-d=ssa/all/mem'],
  ]) {
    // Only the sample's packages get the flag: the standard library compiles without it.
    const res = go(['build', '-o', os.devNull, `-gcflags=example.org/x/...=${flag}`, '.']);
    writeOut(`compilecost/ssa-all-${name}.txt`, res.stderr, false);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  captureExplainFixtures();
