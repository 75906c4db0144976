// The `gopsy` command. Each subcommand lives in its own module and is listed here once.
import { GOPSY_VERSION } from '../main/services/version';
import { UsageError, type CliCommand } from './command';
import { serveCommand, startCommand } from './hostCommands';
import { captureCommand } from './capture';
import { godebugCommand } from './godebug';
import { ssaCommand } from './ssa';
import { binaryCommand } from './binary';
import { diffCommand, inspectCommand } from './bundle';
import { remarksCommand } from './remarks';

const commands: Record<string, CliCommand> = {
  start: startCommand,
  open: startCommand,
  serve: serveCommand,
  capture: captureCommand,
  godebug: godebugCommand,
  ssa: ssaCommand,
  binary: binaryCommand,
  inspect: inspectCommand,
  diff: diffCommand,
  remarks: remarksCommand,
};

function help(): string {
  const names = Object.keys(commands);
  const width = Math.max(...[...names, 'version'].map((n) => n.length)) + 2;
  return [
    `gopsy ${GOPSY_VERSION}: a workbench for Go build forensics`,
    '',
    'Usage: gopsy COMMAND [arguments]',
    '',
    ...names.map((n) => `  ${n.padEnd(width)}${commands[n]!.summary}`),
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
    const cmd = rest[0] ? commands[rest[0]] : undefined;
    process.stdout.write(cmd ? `Usage: ${cmd.usage}\n` : help());
    return 0;
  }
  const cmd = commands[name];
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
    throw err;
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
  (err: Error) => {
    process.stderr.write(`gopsy: ${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  },
);
