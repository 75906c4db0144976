// Where the tests find the tools the machine may lack: the pinned Delve (built into the project's own
// .tools/bin when no suitable one is installed) and a Chromium for the end-to-end tests.
// CommonJS, because Playwright's config loader compiles what it imports to CommonJS.
const { execFileSync } = require('node:child_process');
const { accessSync, constants, readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** The folder, ignored by git, where the test command installs what the machine lacks. */
const TOOLS_BIN = path.join(ROOT, '.tools', 'bin');

/** The Delve release gopsy is tested with (its one home is src/shared/toolVersions.json). */
const DLV_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'src/shared/toolVersions.json'), 'utf8')).dlv;

/** Where a Chromium usually is, in the order tried after $GOPSY_CHROMIUM. */
const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The version `dlv version` prints, or null when the file does not run. */
function dlvVersionOf(file) {
  try {
    const out = execFileSync(file, ['version'], {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /^Version:\s*(\S+)/m.exec(out)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The project's own Delve when the test command has built it, else null. */
function projectDlv() {
  const file = path.join(TOOLS_BIN, process.platform === 'win32' ? 'dlv.exe' : 'dlv');
  return isExecutable(file) ? file : null;
}

/** $GOPSY_CHROMIUM when set (even if wrong: the caller says so), else the first usual path that exists. */
function findChromium() {
  if (process.env.GOPSY_CHROMIUM) return process.env.GOPSY_CHROMIUM;
  return CHROMIUM_PATHS.find(isExecutable) ?? null;
}

module.exports = {
  ROOT,
  TOOLS_BIN,
  DLV_VERSION,
  CHROMIUM_PATHS,
  isExecutable,
  dlvVersionOf,
  projectDlv,
  findChromium,
};
