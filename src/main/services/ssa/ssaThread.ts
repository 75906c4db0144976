// Where ssa.html files are indexed and their columns parsed: one long-lived worker thread (the built
// ssaWorker.js, in its request mode) so a big phase is parsed off the backend's main thread, or this
// thread when the built worker is absent (tests run the sources). The worker does not keep the process
// alive, and holds nothing between requests: the index lives with the caller (ssaStore.ts).
import type { SsaFunction } from '../../../shared/ssa';
import type { ColumnEntry, ColumnIndex, PhaseEntry } from '../../../core/ssa/columnIndex';
import { builtWorkerFile } from '../builtWorker';
import { RequestWorker } from '../requestWorker';
import { indexHtmlFile, nonPhaseColumns, phaseJsonAt, phasePreviewAt, warmUp, type ParsedPhase } from './htmlIndex';

export type SsaRequest =
  | { op: 'warm' }
  | { op: 'index'; file: string }
  | { op: 'phase'; file: string; headEnd: number; start: number; end: number }
  | { op: 'preview'; file: string; headEnd: number; start: number; end: number }
  | { op: 'columns'; file: string; headEnd: number; columns: Array<{ start: number; end: number }> };

type Column = ColumnEntry | PhaseEntry;

/** Answers one request, wherever it runs; onColumn hears of an index's columns as they are found. */
export function answerSsa(r: SsaRequest, onColumn: (c: Column) => void): Promise<ColumnIndex | ParsedPhase | SsaFunction | Uint8Array | null> {
  if (r.op === 'warm') return warmUp();
  if (r.op === 'index') return indexHtmlFile(r.file, onColumn);
  if (r.op === 'phase') return phaseJsonAt(r.file, r.headEnd, r.start, r.end);
  if (r.op === 'preview') return phasePreviewAt(r.file, r.headEnd, r.start, r.end);
  return nonPhaseColumns(r.file, r.headEnd, r.columns);
}

export class SsaThread {
  private readonly worker: RequestWorker<SsaRequest, ColumnIndex | ParsedPhase | SsaFunction | Uint8Array | null, Column> | null;
  private warmed = false;

  /** `script` overrides where the built worker is (the test that runs it); null works in this thread. */
  constructor(script: string | null = builtWorkerFile('ssaWorker.js', __dirname, __filename, 'the SSA parser worker')) {
    // A small young generation: a parse makes short-lived strings by the million, and with the default
    // one the worker's RSS grows by tens of MB of garbage for the same CPU time.
    this.worker = script ? new RequestWorker(script, 'the SSA parser worker', { workerData: { serve: true }, resourceLimits: { maxYoungGenerationSizeMb: 2 } }) : null;
  }

  /**
   * Starts the worker and runs the index and the parse once on a small file, so the first capture the
   * user opens does not wait for the thread to start and the code to be compiled (a few hundred ms).
   */
  warm(): void {
    if (this.warmed) return;
    this.warmed = true;
    this.request({ op: 'warm' }).catch(() => (this.warmed = false));
  }

  /** Indexes an ssa.html, telling onColumn of each column as soon as it is found. */
  index(file: string, onColumn: (c: Column) => void): Promise<ColumnIndex> {
    return this.request({ op: 'index', file }, onColumn) as Promise<ColumnIndex>;
  }

  /** The phase in the pass column at [start, end): its JSON (UTF-8), counts and head; null when the column is not one phase. */
  phase(file: string, headEnd: number, start: number, end: number): Promise<ParsedPhase | null> {
    return this.request({ op: 'phase', file, headEnd, start, end }) as Promise<ParsedPhase | null>;
  }

  /** The JSON of the first blocks of the phase at [start, end), marked preview; null when the phase is small. */
  preview(file: string, headEnd: number, start: number, end: number): Promise<Uint8Array | null> {
    return this.request({ op: 'preview', file, headEnd, start, end }) as Promise<Uint8Array | null>;
  }

  /** The function's name with its sources, AST, genssa and unknown columns, parsed from their ranges. */
  columns(file: string, headEnd: number, columns: Array<{ start: number; end: number }>): Promise<SsaFunction> {
    return this.request({ op: 'columns', file, headEnd, columns: columns.map((c) => ({ start: c.start, end: c.end })) }) as Promise<SsaFunction>;
  }

  /** Ends the worker; pending requests fail, a later request starts a new one. */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  private request(r: SsaRequest, onColumn: (c: Column) => void = () => undefined): Promise<ColumnIndex | ParsedPhase | SsaFunction | Uint8Array | null> {
    return this.worker ? this.worker.request(r, onColumn) : answerSsa(r, onColumn);
  }
}
