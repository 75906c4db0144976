// The shape of a gopsy subcommand, and small helpers they share.
import path from 'node:path';
import { errorMessage, GopsyError } from '../shared/rpc';
import { GoNotFoundError } from '../main/services/go/run';

export interface CliCommand {
  /** One line for `gopsy --help`. */
  summary: string;
  /** The usage lines shown by `gopsy help NAME`. */
  usage: string;
  /** Runs the command; the number is the process exit code (undefined: keep running, e.g. a server). */
  run(argv: string[]): Promise<number | undefined>;
}

export class UsageError extends Error {}

/**
 * One line for an error that ended a command. A GopsyError (and a Node file error) is about the input
 * and says so; anything else is a bug in gopsy, whose stack is shown only with GOPSY_DEBUG=1.
 */
export function userErrorMessage(err: unknown): string {
  if (err instanceof GopsyError || err instanceof GoNotFoundError) return oneLine(err.message);
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && typeof e.path === 'string') return oneLine(`${e.path}: ${e.message.replace(/^[A-Z]+: /, '')}`);
  if (process.env.GOPSY_DEBUG && e?.stack) return e.stack;
  return `${oneLine(errorMessage(err))} (an error inside gopsy; GOPSY_DEBUG=1 shows where)`;
}

/** Tool output inside a message (go list's stderr) may span lines: the first few, joined. */
function oneLine(s: string): string {
  const lines = s.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length <= 1 ? (lines[0] ?? '') : `${lines.slice(0, 3).join('; ')}${lines.length > 3 ? ' …' : ''}`;
}

/** The bundled sample project, found relative to the built CLI (out/main/cli.js). */
export function sampleProject(): string {
  return path.resolve(__dirname, '../../resources/samples/inventory');
}

/** A minimal option reader: `--name value`, `--flag`, and positional arguments. */
export class ArgReader {
  private readonly rest: string[];
  readonly positional: string[] = [];

  constructor(argv: string[], private readonly valued: string[], private readonly flags: string[] = []) {
    this.rest = [...argv];
    const options = new Map<string, string[]>();
    while (this.rest.length > 0) {
      const a = this.rest.shift()!;
      if (a === '--') {
        this.positional.push(...this.rest.splice(0));
      } else if (a.startsWith('--') && a.includes('=')) {
        const [k, v] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
        this.add(options, k, v);
      } else if (valued.includes(a)) {
        const v = this.rest.shift();
        if (v === undefined) throw new UsageError(`${a} needs a value`);
        this.add(options, a, v);
      } else if (flags.includes(a)) {
        this.add(options, a, 'true');
      } else if (a.startsWith('-') && a !== '-') {
        throw new UsageError(`unknown option ${a}`);
      } else {
        this.positional.push(a);
      }
    }
    this.options = options;
  }

  private readonly options: Map<string, string[]>;

  private add(map: Map<string, string[]>, k: string, v: string): void {
    if (!this.valued.includes(k) && !this.flags.includes(k)) throw new UsageError(`unknown option ${k}`);
    map.set(k, [...(map.get(k) ?? []), v]);
  }

  get(name: string): string | undefined {
    const all = this.options.get(name);
    return all?.[all.length - 1];
  }

  all(name: string): string[] {
    return this.options.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.options.has(name);
  }
}
