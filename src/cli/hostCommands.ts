// `gopsy start` and `gopsy serve`: the desktop window, or the browser host on loopback.
import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Backend } from '../main/services/backend';
import { defaultStorageDir } from '../main/services/settings';
import { startBrowserHost } from '../server/browserHost';
import { ArgReader, UsageError, sampleProject, type CliCommand } from './command';
import { findElectronBinary } from './electronBinary';

interface HostArgs {
  /** The project folder; absent when a bundle is opened on its own (a replay needs no project). */
  dir?: string;
  /** A .gopsy bundle to open read-only. */
  bundle?: string;
  port: number;
  urlFile?: string;
  storage?: string;
}

function readHostArgs(argv: string[]): HostArgs {
  const r = new ArgReader(argv, ['--port', '--url-file', '--storage']);
  if (r.positional.length > 1) throw new UsageError(`one folder or bundle at a time (got ${r.positional.join(', ')})`);
  const target = r.positional[0] ? path.resolve(r.positional[0]) : sampleProject();
  if (!existsSync(target)) throw new UsageError(`${target} does not exist`);
  const port = Number(r.get('--port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a number from 0 to 65535');
  const isBundle = target.endsWith('.gopsy') && statSync(target).isFile();
  const args: HostArgs = isBundle ? { bundle: target, port } : { dir: target, port };
  if (r.get('--url-file')) args.urlFile = path.resolve(r.get('--url-file')!);
  if (r.get('--storage')) args.storage = path.resolve(r.get('--storage')!);
  return args;
}

async function serve(args: HostArgs): Promise<number | undefined> {
  const backend = new Backend({ host: 'browser', storageDir: args.storage ?? defaultStorageDir() });
  try {
    if (args.dir) await backend.openFolder(args.dir);
    if (args.bundle) await backend.bundles.openFile(args.bundle);
  } catch (err) {
    process.stderr.write(`gopsy: ${(err as Error).message}\n`);
    return 2;
  }
  const rendererDir = path.resolve(__dirname, '../renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write('gopsy: the workbench is not built: run npm run build\n');
    return 2;
  }
  const host = await startBrowserHost({ backend, rendererDir, port: args.port });
  if (args.urlFile) writeFileSync(args.urlFile, host.url + '\n', { mode: 0o600 });
  process.stdout.write(`gopsy: serving ${args.dir ?? `${args.bundle} (read-only)`}\n`);
  process.stdout.write(`Workbench available at ${host.url}\n`);
  process.stdout.write('gopsy: open that URL in a browser on this machine; press Ctrl-C to stop.\n');
  const stop = async () => {
    await backend.shutdown();
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return undefined;
}

function startElectron(args: HostArgs): boolean {
  if (process.env.GOPSY_NO_ELECTRON) return false;
  const bin = findElectronBinary({ download: true });
  if (!bin.ok) {
    process.stdout.write(`gopsy: no desktop window: ${bin.reason}. Serving the workbench in your browser instead.\n`);
    return false;
  }
  const main = path.resolve(__dirname, 'index.js');
  const flags = process.getuid?.() === 0 ? ['--no-sandbox'] : []; // Chromium refuses to run as root otherwise
  const open = args.bundle ? `--gopsy-bundle=${args.bundle}` : `--gopsy-open=${args.dir}`;
  const child = spawn(bin.path, [...flags, main, open], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  return true;
}

const HOST_OPTIONS = `  --port N          (browser host) listen on port N (default: a free port)
  --url-file FILE   (browser host) also write the URL with its token to FILE, readable only by you
  --storage DIR     keep gopsy's settings in DIR (default: ~/.config/gopsy)
With no DIR, gopsy opens its bundled sample project. A FILE.gopsy instead of DIR opens that
bundle read-only: no project and no Go toolchain needed.`;

export const startCommand: CliCommand = {
  summary: 'open DIR or FILE.gopsy in the desktop window; where Electron cannot run, serve it in the browser',
  usage: `gopsy start|open [DIR | FILE.gopsy] [options]\n${HOST_OPTIONS}`,
  run: async (argv) => {
    const args = readHostArgs(argv);
    return startElectron(args) ? undefined : serve(args);
  },
};

export const serveCommand: CliCommand = {
  summary: 'serve the workbench on 127.0.0.1 with an access token and print its URL',
  usage: `gopsy serve [DIR | FILE.gopsy] [options]\n${HOST_OPTIONS}`,
  run: (argv) => serve(readHostArgs(argv)),
};
