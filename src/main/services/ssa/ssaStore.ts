// Parsed SSA functions kept in the backend, by capture id and format; views page through them.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SsaFunction, SsaPhase } from '../../../shared/ssa';
import type { SsaSummary } from '../../../shared/contract/ssa';
import { GopsyError, RawJson } from '../../../shared/rpc';
import { parseSsaDumps } from '../../../core/ssa/parseSsaDumps';
import type { PhaseList } from '../../../core/ssa/analysis';
import type { ColumnEntry, PhaseEntry } from '../../../core/ssa/columnIndex';
import { addColumn } from '../../../core/ssa/columnParse';
import { phaseCounts, type PhaseCounts } from '../../../core/ssa/phaseCounts';
import { loadPhase, parseHtmlFile, phaseJson, type StoredPhase } from './parseHtmlFile';
import { walk } from './capture';
import { SsaThread } from './ssaThread';
import type { ParsedPhase } from './htmlIndex';

/**
 * An ssa.html read by its index (see htmlIndex.ts): where each phase lies in the file and its counts;
 * a phase is parsed from the file when asked, and only the last few asked are kept.
 */
interface Indexed {
  file: string;
  /** The file as indexed: a phase is read from it by offset, so a change on disk must be noticed. */
  size: number;
  mtimeMs: number;
  headEnd: number;
  phases: PhaseEntry[];
  others: ColumnEntry[];
  /** The JSON (UTF-8) of the phases last asked for, by index, least recent first. */
  recent: Map<number, Promise<Uint8Array>>;
  /** The first blocks of the first phase (see parsePhasePreview), shown until the whole phase is parsed. */
  preview?: Uint8Array;
}

/** Phases kept parsed, as JSON, per capture: the one shown, the one before it, one diffed against. */
const RECENT_PHASES = 3;

interface Loaded {
  /** For ssa.html, fn.phases stays empty: the phases are read by the index, or (a file the index cannot read) in `stored`. */
  fn: SsaFunction;
  indexed?: Indexed;
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

  constructor(
    private readonly wholeUpToValues = WHOLE_UP_TO_VALUES,
    private readonly thread = new SsaThread(),
  ) {}
  /**
   * The last function rebuilt whole for search, diff over all phases and value history: one at a time,
   * so only a capture in use across phases costs its full object size.
   */
  private fullCache: { entry: Loaded; fn: SsaFunction } | null = null;

  /** Gets the ssa.html reader ready (the SSA view is open: a capture may be opened next). */
  warm(): void {
    this.thread.warm();
  }

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

  /**
   * Indexes the file (its columns and counts, at about the speed of reading it) and parses the first
   * phase as soon as its column is read; the sources, AST and genssa columns are parsed once the index is
   * done. A file the index cannot read (truncated, not laid out as html.go writes it) is parsed in order.
   */
  private startHtml(file: string): Loaded {
    const fn: SsaFunction = { name: path.basename(file), format: 'html', phases: [], sources: [], ast: [], genssa: [], other: [], partial: false, warnings: [] };
    let first!: () => void;
    const ready = new Promise<void>((r) => (first = r));
    const ix: Indexed = { file, size: -1, mtimeMs: -1, headEnd: -1, phases: [], others: [], recent: new Map() };
    const entry: Loaded = { fn, indexed: ix, done: false, ready, finished: Promise.resolve() };
    const failed = (err: Error) => {
      entry.error = `Could not read ${path.basename(file)}: ${err.message}`;
      entry.done = true;
      first();
    };
    entry.finished = stat(file)
      .then((st) => {
        ix.size = st.size;
        ix.mtimeMs = st.mtimeMs;
        let named: Promise<unknown> = Promise.resolve();
        return this.thread.index(file, (c) => {
          if (entry.indexed !== ix) return; // parsed in order instead (see demote)
          if (ix.headEnd < 0) {
            // The document head ends where the first column starts: its h1 names the function.
            ix.headEnd = c.start;
            named = this.thread.columns(file, ix.headEnd, []).then((head) => (fn.name = head.name), () => undefined);
          }
          if (c.kind !== 'phase') return void ix.others.push(c);
          ix.phases.push(c as PhaseEntry);
          // The first phase is parsed as soon as its column is read, before the rest of the file: its
          // first blocks, then all of it. The view shows the first blocks meanwhile.
          if (ix.phases.length === 1) {
            const previewed = this.thread.preview(file, ix.headEnd, c.start, c.end).then(
              (bytes) => void (ix.preview = bytes ?? undefined),
              () => undefined,
            );
            const dropPreview = () => void (ix.preview = undefined);
            // A failure here is the phase's own: the view's request for it meets it again and says so.
            const whole = previewed.then(() => this.phaseBytes(entry, 0)).then(dropPreview, dropPreview);
            void Promise.all([named, previewed.then(() => (ix.preview ? undefined : whole))]).then(first, first);
          }
        });
      })
      .then(async (index) => {
        if (entry.indexed !== ix) return;
        if (index.abnormal) {
          // The first phase may have been shown from the index already: what asks now waits for the
          // in-order parse's (see orInOrder).
          let again!: () => void;
          entry.ready = new Promise<void>((r) => (again = r));
          return this.inOrder(entry, file, () => (first(), again()));
        }
        const parts = await this.thread.columns(file, index.headEnd, ix.others);
        if (entry.indexed !== ix) return;
        addColumn(fn, parts);
        fn.name = parts.name;
        entry.done = true;
        first();
      })
      .catch(failed);
    return entry;
  }

  /** The fallback for a file its index cannot read: parsed in order, each phase kept deflated. */
  private inOrder(entry: Loaded, file: string, first: () => void): Promise<void> {
    entry.indexed = undefined;
    const fn: SsaFunction = { ...entry.fn, phases: [], sources: [], ast: [], genssa: [], other: [], partial: false, warnings: [] };
    entry.fn = fn;
    const stored: StoredPhase[] = [];
    const heads: SsaPhase[] = [];
    entry.stored = stored;
    entry.heads = heads;
    return parseHtmlFile(
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
    ).then((full) => {
      entry.fn = { ...full, phases: [] };
      entry.done = true;
      first();
    });
  }

  /**
   * The index's counts and names of a phase are found by byte search; its parse reads them again. They
   * agree on every file html.go writes; when they do not (a damaged file the index did not catch), the
   * whole file is parsed in order instead, and what asked waits for that.
   */
  private demote(entry: Loaded, ix: Indexed): void {
    if (entry.indexed !== ix) return;
    let first!: () => void;
    entry.ready = new Promise<void>((r) => (first = r));
    entry.done = false;
    entry.finished = this.inOrder(entry, ix.file, first).catch((err: Error) => {
      entry.error = `Could not read ${path.basename(ix.file)}: ${err.message}`;
      entry.done = true;
      first();
    });
    if (this.fullCache?.entry === entry) this.fullCache = null;
  }

  /** The JSON of an indexed phase: kept if asked for lately, else parsed from the file. */
  private phaseBytes(entry: Loaded, index: number): Promise<Uint8Array> {
    const ix = entry.indexed!;
    const kept = ix.recent.get(index);
    if (kept) {
      ix.recent.delete(index);
      ix.recent.set(index, kept);
      return kept;
    }
    const parsed = this.readPhase(entry, ix, index);
    ix.recent.set(index, parsed);
    parsed.catch(() => ix.recent.get(index) === parsed && ix.recent.delete(index));
    while (ix.recent.size > RECENT_PHASES) ix.recent.delete(ix.recent.keys().next().value!);
    return parsed;
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
      phases: entry.indexed
        ? entry.indexed.phases.map((p, index) => ({ index, name: p.title, passes: p.passes, timings: p.timings, ...p.counts }))
        : entry.stored
          ? entry.heads!.filter(Boolean).map((h, index) => ({ ...summarisePhase(h, index), ...entry.stored![index]!.counts }))
          : fn.phases.filter(Boolean).map((p, index) => summarisePhase(p, index)),
      counts: { sources: fn.sources.reduce((n, s) => n + s.lines.length, 0), ast: fn.ast.length, genssa: fn.genssa.length },
      other: fn.other,
    };
  }

  async phase(id: string, format: SsaFunction['format'] | undefined, index: number): Promise<SsaPhase> {
    const entry = this.get(id, format);
    await entry.ready;
    return this.orInOrder(
      entry,
      async () => JSON.parse(utf8.decode(await this.indexedPhase(entry, index))) as SsaPhase,
      async () => {
        const p = entry.stored ? parseStored(entry.stored[index]) : entry.fn.phases[index];
        if (!p) throw new GopsyError('no-phase', `Phase ${index} does not exist${entry.done ? '' : ' yet (still reading)'}.`);
        return p;
      },
    );
  }

  private indexedPhase(entry: Loaded, index: number): Promise<Uint8Array> {
    if (!Number.isInteger(index) || index < 0 || index >= entry.indexed!.phases.length) {
      return Promise.reject(new GopsyError('no-phase', `Phase ${index} does not exist${entry.done ? '' : ' yet (still reading)'}.`));
    }
    return this.phaseBytes(entry, index);
  }

  /**
   * A phase as JSON text for the view: the stored bytes as they are, not parsed and serialised again
   * (RawJson); text dumps have no stored bytes and answer the phase itself. With `preview`, while the
   * first phase of a big function is parsed, its first blocks (marked preview: the view asks again).
   */
  async phaseForView(id: string, format: SsaFunction['format'] | undefined, index: number, preview = false): Promise<SsaPhase | RawJson<SsaPhase>> {
    const entry = this.get(id, format);
    await entry.ready;
    return this.orInOrder(
      entry,
      async () => {
        const first = preview && index === 0 ? entry.indexed?.preview : undefined;
        return new RawJson<SsaPhase>(first ?? (await this.indexedPhase(entry, index)));
      },
      async () => {
        if (!entry.stored) return this.phase(id, format, index);
        const p = entry.stored[index];
        if (!p) throw new GopsyError('no-phase', `Phase ${index} does not exist${entry.done ? '' : ' yet (still reading)'}.`);
        return new RawJson<SsaPhase>(phaseJson(p));
      },
    );
  }

  /** The whole function, once parsed (search, diff and history need every phase). */
  async full(id: string, format?: SsaFunction['format']): Promise<SsaFunction> {
    const entry = this.get(id, format);
    await entry.finished;
    if (entry.error) throw new GopsyError('parse-failed', entry.error);
    if (!entry.stored && !entry.indexed) return entry.fn;
    if (this.fullCache?.entry !== entry) {
      this.fullCache = null; // let the previous one go before building the next
      const all = async () => {
        const phases: SsaPhase[] = [];
        const list = this.phaseList(entry);
        for (let i = 0; i < list.length; i++) phases.push((await list.at(i))!);
        return phases;
      };
      const phases = await this.orInOrder(entry, all, all);
      this.fullCache = { entry, fn: { ...entry.fn, phases } };
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
    const values = entry.indexed ? entry.indexed.phases.reduce((n, p) => n + p.allValues, 0) : (entry.stored?.reduce((n, p) => n + p.values, 0) ?? 0);
    if ((!entry.stored && !entry.indexed) || this.fullCache?.entry === entry || values <= this.wholeUpToValues) return this.full(id, format);
    return { phases: this.phaseList(entry) };
  }

  /** Every phase, one at a time: parsed from the file (indexed) or inflated (stored). */
  private phaseList(entry: Loaded): PhaseList {
    if (entry.indexed) {
      const ix = entry.indexed;
      // Not through the recent phases: reading every phase once must not push out the ones on show.
      const at = async (i: number) =>
        i < ix.phases.length ? this.orInOrder<SsaPhase | undefined>(entry, () => this.parseIndexed(entry, ix, i), async () => parseStored(entry.stored?.[i])) : undefined;
      return { length: ix.phases.length, at };
    }
    const stored = entry.stored!;
    return { length: stored.length, at: async (i: number) => parseStored(stored[i]) };
  }

  /** A phase parsed from the file, unless the file is no longer the one indexed; Demoted when the parse disagrees with the index. */
  private async readPhase(entry: Loaded, ix: Indexed, index: number): Promise<Uint8Array> {
    const st = await stat(ix.file).catch(() => null);
    if (!st || st.size !== ix.size || st.mtimeMs !== ix.mtimeMs) {
      throw new GopsyError('ssa-file-changed', `${path.basename(ix.file)} changed on disk after it was opened (or is gone): open the capture again.`);
    }
    const p = ix.phases[index]!;
    const parsed = await this.thread.phase(ix.file, ix.headEnd, p.start, p.end);
    if (entry.indexed !== ix) throw new Demoted();
    if (!parsed || !agrees(parsed, p)) {
      this.demote(entry, ix);
      throw new Demoted();
    }
    return parsed.json;
  }

  private async parseIndexed(entry: Loaded, ix: Indexed, i: number): Promise<SsaPhase> {
    const bytes = await (ix.recent.get(i) ?? this.readPhase(entry, ix, i));
    return JSON.parse(utf8.decode(bytes)) as SsaPhase;
  }

  /**
   * Answers the indexed way while the capture is read by its index, else (or once it is demoted while
   * answering) the in-order way, after the in-order parse is done.
   */
  private async orInOrder<T>(entry: Loaded, indexed: () => Promise<T>, other: () => Promise<T>): Promise<T> {
    if (entry.indexed) {
      try {
        return await indexed();
      } catch (err) {
        if (!(err instanceof Demoted)) throw err;
        await entry.finished;
        if (entry.error) throw new GopsyError('parse-failed', entry.error);
      }
    }
    // Parsed in order (from the start, or since the index was let go): its first phase, at least.
    await entry.ready;
    return other();
  }

  /** Sources, AST and genssa once parsed, without rebuilding the phases. */
  async columns(id: string, format?: SsaFunction['format']): Promise<SsaFunction> {
    const entry = this.get(id, format);
    await entry.finished;
    if (entry.error) throw new GopsyError('parse-failed', entry.error);
    return entry.fn;
  }
}

const utf8 = new TextDecoder();

/** The index disagreed with a parse: the capture is being parsed in order (see SsaStore.demote). */
class Demoted extends Error {
  constructor() {
    super('the ssa.html index disagreed with its parse: parsed in order instead');
  }
}

const sameCounts = (a: PhaseCounts, b: PhaseCounts) => a.blocks === b.blocks && a.values === b.values && a.deadBlocks === b.deadBlocks && a.deadValues === b.deadValues;

/** Whether a phase's parse reads it as its index entry says (name, passes, times, counts). */
const agrees = (parsed: ParsedPhase, p: PhaseEntry) =>
  parsed.name === p.title && JSON.stringify([parsed.passes, parsed.timings]) === JSON.stringify([p.passes, p.timings]) && sameCounts(parsed.counts, p.counts);

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
