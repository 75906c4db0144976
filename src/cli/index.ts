// The `gopsy` command. Each subcommand lives in its own module and is listed here once.
import { GOPSY_VERSION } from '../main/services/version';
import { UsageError, userErrorMessage, type CliCommand } from './command';

// Each command's module is loaded only when it is used: `gopsy capture` starts a build without first
// loading the workbench's backend (about 0.1 s of module load on a 2-core machine).
const commands: Record<string, () => Promise<CliCommand>> = {
  start: () => import('./hostCommands').then((m) => m.startCommand),
  open: () => import('./hostCommands').then((m) => m.startCommand),
  serve: () => import('./hostCommands').then((m) => m.serveCommand),
  capture: () => import('./capture').then((m) => m.captureCommand),
  godebug: () => import('./godebug').then((m) => m.godebugCommand),
  ssa: () => import('./ssa').then((m) => m.ssaCommand),
  binary: () => import('./binary').then((m) => m.binaryCommand),
  asm: () => import('./asm').then((m) => m.asmCommand),
  inspect: () => import('./bundle').then((m) => m.inspectCommand),
  diff: () => import('./bundle').then((m) => m.diffCommand),
  remarks: () => import('./remarks').then((m) => m.remarksCommand),
  explain: () => import('./explain').then((m) => m.explainCommand),
  'compile-cost': () => import('./compileCost').then((m) => m.compileCostCommand),
  storage: () => import('./storage').then((m) => m.storageCommand),
};

/** The command of that name; undefined for any other word (also `constructor` and the like). */
function command(name: string | undefined): Promise<CliCommand> | undefined {
  return name !== undefined && Object.hasOwn(commands, name) ? commands[name]!() : undefined;
}

async function help(): Promise<string> {
  const names = Object.keys(commands);
  const loaded = await Promise.all(names.map((n) => commands[n]!()));
  const width = Math.max(...[...names, 'version'].map((n) => n.length)) + 2;
  return [
    `gopsy ${GOPSY_VERSION}: a workbench for Go build forensics`,
    '',
    'Usage: gopsy COMMAND [arguments]',
    '',
    ...names.map((n, i) => `  ${n.padEnd(width)}${loaded[i]!.summary}`),
    `  ${'version'.padEnd(width)}print gopsy's version`,
    '',
    'gopsy help COMMAND shows a command\'s options. With no COMMAND, gopsy start.',
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number | undefined> {
  const [name = 'start', ...rest] = argv;
  if (name === 'version' || name === '--version') {
    process.stdout.write(`gopsy ${GOPSY_VERSION}\n`);
    return 0;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const cmd = await command(rest[0]);
    process.stdout.write(cmd ? `Usage: ${cmd.usage}\n` : await help());
    return 0;
  }
  const cmd = await command(name);
  if (!cmd) {
    process.stderr.write(`gopsy: unknown command ${name} (see gopsy --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`gopsy ${name}: ${err.message}\nUsage: ${cmd.usage}\n`);
      return 2;
    }
    // What the user gave cannot be used (not a module, not a bundle, no such file): one line, exit 1.
    process.stderr.write(`gopsy ${name}: ${userErrorMessage(err)}\n`);
    return 1;
  }
}

// `gopsy ssa RUN --json | head`: the reader closing the pipe early is normal use, not a crash. Node
// reports it as an 'error' event on stdout (EPIPE); without a listener that becomes an uncaught throw.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`gopsy: ${userErrorMessage(err)}\n`);
    process.exitCode = 1;
  },
);
