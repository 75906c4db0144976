// The `gopsy` command: start the desktop workbench (or the browser host where Electron cannot run)
// and serve the workbench on loopback on purpose.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Backend } from '../main/services/backend';
import { defaultStorageDir } from '../main/services/settings';
import { GOPSY_VERSION } from '../main/services/version';
import { startBrowserHost } from '../server/browserHost';
import { findElectronBinary } from './electronBinary';

const HELP = `gopsy ${GOPSY_VERSION}: a workbench for Go build forensics

Usage:
  gopsy start [DIR]     open DIR in the desktop window; where Electron cannot run, serve it in the browser
  gopsy serve [DIR]     serve the workbench on 127.0.0.1 with an access token and print its URL
  gopsy version         print gopsy's version

With no DIR, gopsy opens its bundled sample project.

Options for serve:
  --port N              listen on port N (default: a free port)
  --url-file FILE       also write the URL (with its token) to FILE, readable only by you
  --storage DIR         keep gopsy's settings in DIR (default: ~/.config/gopsy)
`;

/** The bundled sample project, found relative to the built CLI (out/main/cli.js). */
export function sampleProject(): string {
  return path.resolve(__dirname, '../../resources/samples/inventory');
}

interface Args {
  command: string;
  dir: string;
  port: number;
  urlFile?: string;
  storage?: string;
}

function fail(message: string): never {
  process.stderr.write(`gopsy: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const rest = [...argv];
  const command = rest.shift() ?? 'start';
  const args: Args = { command, dir: '', port: 0 };
  while (rest.length > 0) {
    const a = rest.shift()!;
    const value = () => rest.shift() ?? fail(`${a} needs a value`);
    if (a === '--port') {
      args.port = Number(value());
      if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) fail('--port takes a number from 0 to 65535');
    } else if (a === '--url-file') args.urlFile = path.resolve(value());
    else if (a === '--storage') args.storage = path.resolve(value());
    else if (a === '--help' || a === '-h') args.command = 'help';
    else if (a.startsWith('-')) fail(`unknown option ${a} (see gopsy --help)`);
    else if (!args.dir) args.dir = path.resolve(a);
    else fail(`one folder at a time (got ${args.dir} and ${a})`);
  }
  args.dir ||= sampleProject();
  if (!existsSync(args.dir)) fail(`${args.dir} does not exist`);
  return args;
}

async function serve(args: Args): Promise<void> {
  const backend = new Backend({ host: 'browser', storageDir: args.storage ?? defaultStorageDir() });
  try {
    await backend.openFolder(args.dir);
  } catch (err) {
    fail((err as Error).message);
  }
  const rendererDir = path.resolve(__dirname, '../renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) fail('the workbench is not built: run npm run build');
  const host = await startBrowserHost({ backend, rendererDir, port: args.port });
  if (args.urlFile) writeFileSync(args.urlFile, host.url + '\n', { mode: 0o600 });
  process.stdout.write(`gopsy: serving ${args.dir}\n`);
  process.stdout.write(`Workbench available at ${host.url}\n`);
  process.stdout.write('gopsy: open that URL in a browser on this machine; press Ctrl-C to stop.\n');
  const stop = async () => {
    await backend.shutdown();
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function startElectron(args: Args): boolean {
  if (process.env.GOPSY_NO_ELECTRON) return false;
  const bin = findElectronBinary({ download: true });
  if (!bin.ok) {
    process.stdout.write(`gopsy: no desktop window: ${bin.reason}. Serving the workbench in your browser instead.\n`);
    return false;
  }
  const main = path.resolve(__dirname, 'index.js');
  const flags = process.getuid?.() === 0 ? ['--no-sandbox'] : []; // Chromium refuses to run as root otherwise
  const child = spawn(bin.path, [...flags, main, `--gopsy-open=${args.dir}`], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  return true;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  switch (args.command) {
    case 'help':
      process.stdout.write(HELP);
      return;
    case 'version':
      process.stdout.write(`gopsy ${GOPSY_VERSION}\n`);
      return;
    case 'start':
    case 'open':
      if (!startElectron(args)) await serve(args);
      return;
    case 'serve':
      await serve(args);
      return;
    default:
      fail(`unknown command ${args.command} (see gopsy --help)`);
  }
}

void main();
