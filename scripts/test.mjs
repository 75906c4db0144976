#!/usr/bin/env node
// `npm test`: first makes sure that what the tests need is here, providing what it can itself (the pinned
// Delve and gopls, Debian's Chromium when run as root), or stops with one line naming what is missing and how to get
// it; then runs typecheck, lint, build, the vitest suites and the Playwright suites, and ends with one
// line of counts.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  CHROMIUM_PATHS,
  DLV_VERSION,
  GOPLS_VERSION,
  ROOT,
  TOOLS_BIN,
  dlvVersionOf,
  findChromium,
  goplsVersionOf,
  isExecutable,
} from './test-tools.cjs';

const REPORTS = path.join(ROOT, 'test-reports');
const say = (line) => console.log(`npm test: ${line}`);

/** Ends the test command before any test runs, with one line naming what is missing and what to do. */
function stop(line) {
  console.error(`npm test: ${line}`);
  process.exit(1);
}

function goBinary() {
  const go = process.env.GOPSY_GO || 'go';
  try {
    const version = execFileSync(go, ['version'], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
    return { go, version };
  } catch {
    return stop(
      `Go is needed (the tests run the real toolchain) and \`${go} version\` did not run. Install Go from https://go.dev/dl/ (or set GOPSY_GO to a go binary).`,
    );
  }
}

function checkPty() {
  try {
    createRequire(import.meta.url)('node-pty');
  } catch {
    stop(
      'node-pty (the terminals) is not built. Run `npm install`; it compiles node-pty and says what it lacks.',
    );
  }
}

/**
 * The pinned release of a Go tool the tests drive: $GOPSY_<TOOL>, else that release on PATH, in
 * $(go env GOPATH)/bin or in .tools/bin, else built there with `go install`; stops with one line when it cannot.
 */
function ensureTool(go, { name, label, envVar, version, pkg, versionOf }) {
  const override = process.env[envVar];
  if (override) {
    const v = versionOf(override);
    if (!v)
      stop(
        `${envVar}=${override} does not run \`${name} version\`. Point it at a ${name} binary, or unset it to let the tests build ${label} v${version}.`,
      );
    if (v !== version) say(`${envVar} is ${label} ${v}; the tests are written against v${version}.`);
    return override;
  }
  const gopath = execFileSync(go, ['env', 'GOPATH'], { encoding: 'utf8', timeout: 60_000 }).trim();
  const candidates = [
    ...(process.env.PATH ?? '')
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, name)),
    ...gopath
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, 'bin', name)),
    path.join(TOOLS_BIN, name),
  ];
  const found = candidates.find((file) => isExecutable(file) && versionOf(file) === version);
  if (found) return found;

  const target = `${pkg}@v${version}`;
  say(`building ${label} v${version} into .tools/bin (go install ${target}); later runs reuse it`);
  mkdirSync(TOOLS_BIN, { recursive: true });
  const built = spawnSync(go, ['install', target], {
    cwd: TOOLS_BIN,
    env: { ...process.env, GOBIN: TOOLS_BIN, GOFLAGS: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 15 * 60_000,
  });
  const file = path.join(TOOLS_BIN, name);
  if (built.status !== 0 || !isExecutable(file) || versionOf(file) !== version) {
    stop(
      `${label} v${version} could not be built (see above). Install it yourself with \`go install ${target}\`, or set ${envVar} to a ${name} binary.`,
    );
  }
  return file;
}

const ensureDlv = (go) =>
  ensureTool(go, {
    name: 'dlv',
    label: 'Delve',
    envVar: 'GOPSY_DLV',
    version: DLV_VERSION,
    pkg: 'github.com/go-delve/delve/cmd/dlv',
    versionOf: dlvVersionOf,
  });
const ensureGopls = (go) =>
  ensureTool(go, {
    name: 'gopls',
    label: 'gopls',
    envVar: 'GOPSY_GOPLS',
    version: GOPLS_VERSION,
    pkg: 'golang.org/x/tools/gopls',
    versionOf: goplsVersionOf,
  });

/** GOPSY_CHROMIUM, else a Chromium at a usual path, else Debian's package when we may install it. */
function ensureChromium() {
  const found = findChromium();
  if (process.env.GOPSY_CHROMIUM && !isExecutable(found)) {
    stop(
      `GOPSY_CHROMIUM=${process.env.GOPSY_CHROMIUM} is not an executable file. Point it at a Chromium binary, or unset it to use ${CHROMIUM_PATHS[0]}.`,
    );
  }
  if (found) return found;
  const install =
    process.platform === 'darwin' ? 'brew install --cask chromium' : 'sudo apt-get install -y chromium';
  const missing = `Chromium is needed for the end-to-end tests and was not found (GOPSY_CHROMIUM is unset; looked at ${CHROMIUM_PATHS.join(', ')}).`;
  const mayInstall =
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    existsSync('/etc/debian_version') &&
    isExecutable('/usr/bin/apt-get');
  if (!mayInstall)
    stop(`${missing} Install it with \`${install}\` (or set GOPSY_CHROMIUM to a Chromium binary).`);

  say("installing Debian's chromium package for the end-to-end tests (apt-get install -y chromium)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const r = spawnSync('apt-get', args, {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20 * 60_000,
    });
    if (r.status !== 0) {
      process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-15).join('\n'));
      stop(
        `apt-get ${args.join(' ')} failed (its last lines are above). Install Chromium yourself (\`${install}\`) or set GOPSY_CHROMIUM.`,
      );
    }
  }
  return (
    findChromium() ??
    stop(`apt-get installed chromium but no Chromium is at ${CHROMIUM_PATHS[0]}. Set GOPSY_CHROMIUM to it.`)
  );
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Counts from the vitest (jest-shaped) and Playwright JSON reports; null where a report is missing. */
function counts(vitestFile, playwrightFile) {
  const v = readJson(vitestFile);
  const p = readJson(playwrightFile);
  const c = { passed: 0, failed: 0, skipped: 0, missing: [] };
  if (v) {
    c.passed += v.numPassedTests;
    c.failed += v.numFailedTests;
    c.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  } else c.missing.push('vitest');
  if (p) {
    c.passed += p.stats.expected + p.stats.flaky;
    c.failed += p.stats.unexpected;
    c.skipped += p.stats.skipped;
  } else c.missing.push('playwright');
  return c;
}

const { go, version } = goBinary();
checkPty();
const chromium = ensureChromium();
const dlv = ensureDlv(go);
const gopls = ensureGopls(go);
const shown = (file) => (path.relative(ROOT, file).startsWith('..') ? file : path.relative(ROOT, file));
say(
  `${version}; Delve ${dlvVersionOf(dlv)} at ${shown(dlv)}; gopls ${goplsVersionOf(gopls)} at ${shown(gopls)}; Chromium at ${chromium}`,
);

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
const vitestReport = path.join(REPORTS, 'vitest.json');
const playwrightReport = path.join(REPORTS, 'playwright.json');
const env = {
  ...process.env,
  GOPSY_DLV: dlv,
  GOPSY_GOPLS: gopls,
  GOPSY_CHROMIUM: chromium,
  PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport,
};
const steps = [
  ['typecheck'],
  ['lint'],
  ['build'],
  ['test:unit', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  ['test:e2e', '--', '--reporter=list,json'],
];
const took = [];
const started = Date.now();
for (const [script, ...args] of steps) {
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', script, ...args], { cwd: ROOT, env, stdio: 'inherit' });
  took.push(`${script} ${Math.round((Date.now() - t0) / 1000)} s`);
  if (r.status !== 0) {
    console.error(
      `npm test: \`npm run ${script}\` failed (exit ${r.status ?? r.signal}); ${took.join(', ')}`,
    );
    process.exit(r.status || 1);
  }
}
const c = counts(vitestReport, playwrightReport);
say(`${took.join(', ')}; ${Math.round((Date.now() - started) / 1000)} s in all`);
if (c.missing.length)
  stop(
    `no ${c.missing.join(' or ')} report was written to ${path.relative(ROOT, REPORTS)}; the counts are unknown`,
  );
if (c.passed === 0) stop('no test ran');
console.log(`tests: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
