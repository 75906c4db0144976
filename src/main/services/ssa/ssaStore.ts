// Parsed SSA functions kept in the backend, by capture id and format; views page through them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SsaFunction, SsaPhase } from '../../../shared/ssa';
import type { SsaSummary } from '../../../shared/contract/ssa';
import { GopsyError, RawJson } from '../../../shared/rpc';
import { parseSsaDumps } from '../../../core/ssa/parseSsaDumps';
import type { PhaseList } from '../../../core/ssa/analysis';
import { phaseCounts } from '../../../core/ssa/phaseCounts';
import { loadPhase, parseHtmlFile, phaseJson, type StoredPhase } from './parseHtmlFile';
import { walk } from './capture';

interface Loaded {
  /** For ssa.html, fn.phases stays empty: the phases are in `stored` (see StoredPhase). */
  fn: SsaFunction;
  stored?: StoredPhase[];
  /** Each stored phase without its blocks: names, passes, timings for the summary. */
  heads?: SsaPhase[];
  done: boolean;
  error?: string;
  /** Resolves at the first phase or at the end of the parse, whichever comes first. */
  ready: Promise<void>;
  finished: Promise<void>;
}

/**
 * Up to this many values over all phases, search and history rebuild the whole function and keep it.
 * Measured on genssa's ssa.html (75 MB, 47 phases, 197k values): whole, the first search takes 0.5 s
 * and 55 MiB of RSS, later ones 60 ms; read a phase at a time, every search over all phases takes
 * 0.55 s and 11 MiB. Past this (a function five times genssa's size), memory matters more.
 */
export const WHOLE_UP_TO_VALUES = 1_000_000;

export class SsaStore {
  private readonly loaded = new Map<string, Map<SsaFunction['format'], Loaded>>();

  constructor(private readonly wholeUpToValues = WHOLE_UP_TO_VALUES) {}
  /**
   * The last function rebuilt whole for search, diff over all phases and value history: one at a time,
   * so only a capture in use across phases costs its full object size.
   */
  private fullCache: { entry: Loaded; fn: SsaFunction } | null = null;

  /** Starts parsing what a directory holds (an ssa.html, text dumps, or both); returns the formats found. */
  async load(id: string, dir: string, func?: string): Promise<Array<SsaFunction['format']>> {
    const files = await walk(dir);
    const html = files.filter((f) => f.endsWith('.html'));
    const dumps = files.filter((f) => f.endsWith('.dump'));
    const byFormat = new Map<SsaFunction['format'], Loaded>();
    if (html.length > 0) byFormat.set('html', this.startHtml(pickHtml(html, func)));
    if (dumps.length > 0) byFormat.set('dumps', this.startDumps(dumps, func));
    if (byFormat.size === 0) throw new GopsyError('no-ssa', `${dir} holds no ssa.html and no .dump files.`);
    this.loaded.set(id, byFormat);
    return [...byFormat.keys()];
  }

  private startHtml(file: string): Loaded {
    const fn: SsaFunction = { name: path.basename(file), format: 'html', phases: [], sources: [], ast: [], genssa: [], other: [], partial: false, warnings: [] };
    let first!: () => void;
    const ready = new Promise<void>((r) => (first = r));
    const stored: StoredPhase[] = [];
    const heads: SsaPhase[] = [];
    const entry: Loaded = { fn, stored, heads, done: false, ready, finished: Promise.resolve() };
    entry.finished = parseHtmlFile(
      file,
      (phase, head, index, name) => {
        stored[index] = phase;
        heads[index] = head;
        fn.name = name;
        first();
      },
      (index) => {
        // The early first phase was not confirmed by the in-order parse (see parseSsaHtmlChunks).
        stored.splice(index, 1);
        heads.splice(index, 1);
      },
    ).then(
      (full) => {
        entry.fn = { ...full, phases: [] };
        entry.done = true;
        first();
      },
      (err: Error) => {
        entry.error = `Could not read ${path.basename(file)}: ${err.message}`;
        entry.done = true;
        first();
      },
    );
    return entry;
  }

  private startDumps(files: string[], func?: string): Loaded {
    const entry: Loaded = {
      fn: { name: '', format: 'dumps', phases: [], sources: [], ast: [], genssa: [], other: [], partial: false, warnings: [] },
      done: false,
      ready: Promise.resolve(),
      finished: Promise.resolve(),
    };
    entry.finished = Promise.all(files.map(async (f) => ({ name: path.basename(f), text: await readFile(f, 'utf8') }))).then(
      (texts) => {
        entry.fn = parseSsaDumps(texts, func);
        entry.done = true;
      },
      (err: Error) => {
        entry.error = err.message;
        entry.done = true;
      },
    );
    entry.ready = entry.finished;
    return entry;
  }

  get(id: string, format?: SsaFunction['format']): Loaded {
    const byFormat = this.loaded.get(id);
    const entry = byFormat && (format ? byFormat.get(format) : (byFormat.get('html') ?? byFormat.get('dumps')));
    if (!entry) throw new GopsyError('unknown-capture', `No SSA capture ${id}${format ? ` in ${format} form` : ''} is loaded.`);
    return entry;
  }

  formats(id: string): Array<SsaFunction['format']> {
    return [...(this.loaded.get(id)?.keys() ?? [])];
  }

  async summary(id: string, format?: SsaFunction['format']): Promise<SsaSummary> {
    const entry = this.get(id, format);
    await entry.ready;
    const fn = entry.fn;
    return {
      id,
      name: fn.name,
      format: fn.format,
      formats: this.formats(id),
      done: entry.done,
      partial: fn.partial,
      warnings: fn.warnings,
      ...(entry.error ? { error: entry.error } : {}),
      phases: entry.stored
        ? entry.heads!.filter(Boolean).map((h, index) => ({ ...summarisePhase(h, index), ...entry.stored![index]!.counts }))
        : fn.phases.filter(Boolean).map((p, index) => summarisePhase(p, index)),
      counts: { sources: fn.sources.reduce((n, s) => n + s.lines.length, 0), ast: fn.ast.length, genssa: fn.genssa.length },
      other: fn.other,
    };
  }

  async phase(id: string, format: SsaFunction['format'] | undefined, index: number): Promise<SsaPhase> {
    const entry = this.get(id, format);
    await entry.ready;
    const p = entry.stored ? parseStored(entry.stored[index]) : entry.fn.phases[index];
    if (!p) throw new GopsyError('no-phase', `Phase ${index} does not exist${entry.done ? '' : ' yet (still reading)'}.`);
    return p;
  }

  /**
   * A phase as JSON text for the view: the stored bytes as they are, not parsed and serialised again
   * (RawJson); text dumps have no stored bytes and answer the phase itself.
   */
  async phaseForView(id: string, format: SsaFunction['format'] | undefined, index: number): Promise<SsaPhase | RawJson<SsaPhase>> {
    const entry = this.get(id, format);
    await entry.ready;
    if (!entry.stored) return this.phase(id, format, index);
    const p = entry.stored[index];
    if (!p) throw new GopsyError('no-phase', `Phase ${index} does not exist${entry.done ? '' : ' yet (still reading)'}.`);
    return new RawJson<SsaPhase>(phaseJson(p));
  }

  /** The whole function, once parsed (search, diff and history need every phase). */
  async full(id: string, format?: SsaFunction['format']): Promise<SsaFunction> {
    const entry = this.get(id, format);
    await entry.finished;
    if (entry.error) throw new GopsyError('parse-failed', entry.error);
    if (!entry.stored) return entry.fn;
    if (this.fullCache?.entry !== entry) {
      this.fullCache = null; // let the previous one go before building the next
      this.fullCache = { entry, fn: { ...entry.fn, phases: entry.stored.map((p) => parseStored(p)!) } };
    }
    return this.fullCache.fn;
  }

  /**
   * Every phase, for search and value history, which read each phase once: the whole function (kept,
   * so the next search is quick) up to WHOLE_UP_TO_VALUES, else a list that inflates one phase at a
   * time, so a huge capture never costs its whole parsed size at once.
   */
  async phases(id: string, format?: SsaFunction['format']): Promise<{ phases: PhaseList }> {
    const entry = this.get(id, format);
    await entry.finished;
    if (entry.error) throw new GopsyError('parse-failed', entry.error);
    const stored = entry.stored;
    if (!stored || this.fullCache?.entry === entry || stored.reduce((n, p) => n + p.values, 0) <= this.wholeUpToValues) return this.full(id, format);
    return { phases: { length: stored.length, at: (i: number) => parseStored(stored[i]) } };
  }

  /** Sources, AST and genssa once parsed, without rebuilding the phases. */
  async columns(id: string, format?: SsaFunction['format']): Promise<SsaFunction> {
    const entry = this.get(id, format);
    await entry.finished;
    if (entry.error) throw new GopsyError('parse-failed', entry.error);
    return entry.fn;
  }
}

function parseStored(p: StoredPhase | undefined): SsaPhase | undefined {
  return p ? loadPhase(p) : undefined;
}

function summarisePhase(p: SsaPhase, index: number) {
  return {
    index,
    name: p.name,
    passes: p.passes,
    timings: p.timings,
    ...(p.unchanged ? { unchanged: true } : {}),
    ...(p.partial ? { partial: true } : {}),
    ...phaseCounts(p),
  };
}

/** The ssa.html of the function asked for, or the first one. */
function pickHtml(files: string[], func?: string): string {
  return (func && files.find((f) => path.basename(f).includes(func))) || files.sort()[0]!;
}
