#!/usr/bin/env node
// Regenerates test/fixtures from the real Go toolchain on the bundled sample project.
// Run: npm run fixtures. Absolute paths of the sample are replaced by @ROOT@ so fixtures do not
// depend on where the repository was cloned; everything else is the toolchain's output as printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureGodebugFixtures } from './fixtures-godebug.mjs';
import { captureSsaFixtures } from './fixtures-ssa.mjs';
import { captureRemarksFixtures } from './fixtures-remarks.mjs';
import { writeBinaryFixtures } from './fixtures-binary.mjs';
import { captureCompareFixtures } from './fixtures-compare.mjs';
import { captureExplainFixtures } from './fixtures-explain.mjs';
import { captureTestCacheFixtures } from './fixtures-testcache.mjs';
import { captureCompileShapeFixtures } from './fixtures-compile-shapes.mjs';
import { captureLinesAsmFixtures } from './fixtures-linesAsm.mjs';
import { captureDumpDepFixtures } from './fixtures-dumpdep.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sample = path.join(repo, 'resources/samples/inventory');
const out = path.join(repo, 'test/fixtures');
mkdirSync(out, { recursive: true });

const go = (args) => spawnSync('go', args, { cwd: sample, encoding: 'utf8', env: { ...process.env, GOFLAGS: '' } });
const rootless = (s) => s.split(sample).join('@ROOT@');
const write = (name, text) => {
  writeFileSync(path.join(out, name), text);
  console.log(`wrote test/fixtures/${name} (${text.length} chars)`);
};

write('go-version.txt', execFileSync('go', ['version'], { encoding: 'utf8' }));
write('go-env.json', execFileSync('go', ['env', '-json'], { encoding: 'utf8' }));
write('go-list-inventory.json', rootless(go(['list', '-e', '-json', './...']).stdout));

const broken = go(['build', '-tags', 'gopsy_broken', './...']);
if (broken.status === 0) throw new Error('the broken build unexpectedly succeeded');
write('build-broken.txt', rootless(broken.stderr));

const vet = go(['vet', '-tags', 'gopsy_broken', './broken']);
write('vet-broken.txt', rootless(vet.stderr));

// Build-capture fixtures (action graph, trace, -x, -json, -bench, logopt): test/fixtures/build/.
const { regenerateBuildFixtures } = await import('./fixtures-build.mjs');
regenerateBuildFixtures();
captureGodebugFixtures(repo);
captureSsaFixtures(sample, path.join(out, 'ssa'));
captureRemarksFixtures(sample, path.join(out, 'remarks'));
writeBinaryFixtures({ repo, write });
// The same sample built by two toolchains (GOTOOLCHAIN=go1.24.0 is fetched through the module proxy): test/fixtures/compare/.
captureCompareFixtures();
// Rebuild explanations (GODEBUG=gocachehash=1) and per-function SSA pass times of test/fixtures/explain/src: test/fixtures/explain/.
captureExplainFixtures();
// Why a test ran again (GODEBUG=gocachetest=1, with and without gocachehash=1) on test/fixtures/testcache/src: test/fixtures/testcache/.
captureTestCacheFixtures();
// Pathological compile shapes (a huge switch, literal, if chain, function) with -d=ssa/all/time: test/fixtures/explain/shapes/.
captureCompileShapeFixtures();
// Instructions of source lines (objdump of a program and its test binary, -S) of resources/samples/asmlines: test/fixtures/linesAsm/.
captureLinesAsmFixtures(repo);
// The linker's reachability graph (-ldflags=-dumpdep) of small programs made to show each case: test/fixtures/dumpdep/.
captureDumpDepFixtures({ repo });
