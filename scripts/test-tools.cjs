// Where the tests find the tools the machine may lack: the pinned Delve and gopls (built into the
// project's own .tools/bin when no suitable one is installed) and a Chromium for the end-to-end tests.
// CommonJS, because Playwright's config loader compiles what it imports to CommonJS.
const { execFileSync } = require('node:child_process');
const { accessSync, constants, readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** The folder, ignored by git, where the test command installs what the machine lacks. */
const TOOLS_BIN = path.join(ROOT, '.tools', 'bin');

/** The Delve and gopls releases gopsy is tested with (their one home is src/shared/toolVersions.json). */
const TOOL_VERSIONS = JSON.parse(readFileSync(path.join(ROOT, 'src/shared/toolVersions.json'), 'utf8'));
const DLV_VERSION = TOOL_VERSIONS.dlv;
const GOPLS_VERSION = TOOL_VERSIONS.gopls;

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

/** The version `<file> version` prints (picked with pattern), or null when the file does not run. */
function toolVersionOf(file, pattern) {
  try {
    const out = execFileSync(file, ['version'], {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return pattern.exec(out)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The version `dlv version` prints, or null when the file does not run. */
const dlvVersionOf = (file) => toolVersionOf(file, /^Version:\s*(\S+)/m);
/** The version `gopls version` prints (without its v), or null when the file does not run. */
const goplsVersionOf = (file) => toolVersionOf(file, /gopls\s+v?(\S+)/);

/** The project's own build of a tool when the test command has made it, else null. */
function projectTool(name) {
  const file = path.join(TOOLS_BIN, process.platform === 'win32' ? `${name}.exe` : name);
  return isExecutable(file) ? file : null;
}
const projectDlv = () => projectTool('dlv');
const projectGopls = () => projectTool('gopls');

/** $GOPSY_CHROMIUM when set (even if wrong: the caller says so), else the first usual path that exists. */
function findChromium() {
  if (process.env.GOPSY_CHROMIUM) return process.env.GOPSY_CHROMIUM;
  return CHROMIUM_PATHS.find(isExecutable) ?? null;
}

module.exports = {
  ROOT,
  TOOLS_BIN,
  DLV_VERSION,
  GOPLS_VERSION,
  CHROMIUM_PATHS,
  isExecutable,
  dlvVersionOf,
  goplsVersionOf,
  projectDlv,
  projectGopls,
  findChromium,
};
