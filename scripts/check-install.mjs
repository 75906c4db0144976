#!/usr/bin/env node
// Runs after `npm install`: node-pty (the terminals) is an optional dependency so that a machine without a
// C++ toolchain gets this one line instead of node-gyp's wall of errors, and the install still fails.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

try {
  createRequire(import.meta.url)('node-pty');
} catch {
  const has = (cmd) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const missing = ['make', 'g++', 'python3'].filter((cmd) => !has(cmd));
  const install =
    process.platform === 'darwin'
      ? 'xcode-select --install'
      : 'sudo apt-get install -y build-essential python3';
  const why = missing.length
    ? `it needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not on PATH. Install ${missing.length > 1 ? 'them' : 'it'} (\`${install}\`)`
    : 'make, g++ and python3 are here, so see why with `npm rebuild node-pty --foreground-scripts`';
  console.error(
    `gopsy: node-pty (the terminals) could not be compiled: ${why}, then run \`npm install\` again.`,
  );
  process.exit(1);
}
