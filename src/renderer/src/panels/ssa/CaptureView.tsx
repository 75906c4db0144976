// The capture shown: its tabs (phase with a mini CFG, diff, CFG, sources, AST, genssa, search hits)
// and a search over all phases.
import { useDeferredValue } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { SsaPhase } from '../../../../shared/ssa';
import { PhaseView, type phaseRows } from './PhaseView';
import { CfgView } from './CfgView';
import { DiffView } from './DiffView';
import { TextColumn, type TextRow } from './TextColumn';
import { SSA_TABS, type SsaSnapshot, type SsaStore } from './ssaStore';
import type { CaptureLines } from './useCaptureLines';

const NO_BLOCKS: SsaPhase['blocks'] = [];

interface Props {
  api: GopsyApi;
  store: SsaStore;
  snap: SsaSnapshot;
  rows: ReturnType<typeof phaseRows>;
  lines: CaptureLines;
  onJump: (target: string) => void;
}

export function CaptureView({ api, store, snap, rows, lines: { mainFile, openLine, lineTitle }, onJump }: Props) {
  const { id, format, summary, phase, tab, selected, diff, diffBase, index, query, search, column, highlightLine, scrollTo } = snap;
  // The mini CFG of a big function (genssa: ~1000 blocks) is drawn after the phase's rows, not before.
  const cfgBlocks = useDeferredValue(phase?.blocks ?? NO_BLOCKS, NO_BLOCKS);
  return (
    <>
      {summary && (
        <div className="view-tabs ssa-tabs" role="tablist">
          {SSA_TABS.map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => store.set({ tab: t })}>
              {t === 'phase' ? 'Phase' : t === 'cfg' ? 'CFG' : t === 'ast' ? 'AST' : t[0]!.toUpperCase() + t.slice(1)}
            </button>
          ))}
          <input placeholder="search: v12, op, type, :28" value={query} onChange={(e) => store.set({ query: e.target.value })} data-testid="ssa-search" />
          <button
            onClick={() => id && api.call('ssa.search', { id, format, query }).then((r) => store.set({ search: r, tab: 'search' }))}
            disabled={!query || !summary.done}
          >
            All phases
          </button>
        </div>
      )}
      {phase?.preview && (
        <div className="ssa-preview-note" role="status" data-testid="ssa-preview">
          Showing the first {phase.blocks.reduce((n, b) => n + b.values.length, 0)} values of {phase.name} while the rest is read…
        </div>
      )}
      {phase && tab === 'phase' && (
        <div className="ssa-phase-split">
          <PhaseView phase={phase} rows={rows} selected={selected} highlightLine={highlightLine} query={query} scrollTo={scrollTo} onSelect={(v) => store.set({ selected: v })} onLine={(l) => openLine(l)} lineTitle={lineTitle} />
          <div className="ssa-mini-cfg">
            <CfgView blocks={cfgBlocks} selected={selected} onBlock={onJump} />
          </div>
        </div>
      )}
      {phase && tab === 'cfg' && <CfgView blocks={phase.blocks} selected={selected} onBlock={onJump} />}
      {tab === 'diff' && diff && (
        <div className="ssa-diff-wrap">
          <div className="ssa-diff-summary" data-testid="ssa-diff-summary">
            {summary?.phases[diffBase ?? Math.max(0, index - 1)]?.name} → {summary?.phases[index]?.name}: {diff.addedValues.length} values added,{' '}
            {diff.removedValues.length} removed, {diff.changedValues.length} changed; {diff.addedBlocks.length} blocks added, {diff.removedBlocks.length} removed
          </div>
          <DiffView left={diff.left} right={diff.right} />
        </div>
      )}
      {tab === 'sources' && column.sources && (
        <TextColumn
          testId="ssa-sources"
          rows={column.sources.flatMap((s): TextRow[] => [{ line: null, text: s.file, head: true }, ...s.lines])}
          onLine={(line, i) => {
            store.set({ highlightLine: line });
            // The row's own section (a file heading, then its lines) says which file it is in.
            let file = mainFile;
            let row = 0;
            for (const s of column.sources!) {
              if (i <= row + s.lines.length) {
                file = s.file;
                break;
              }
              row += s.lines.length + 1;
            }
            openLine(line, file);
          }}
        />
      )}
      {tab === 'ast' && column.ast && <TextColumn testId="ssa-ast" rows={column.ast} onLine={(l) => openLine(l)} />}
      {tab === 'genssa' && column.genssa && (
        <TextColumn
          testId="ssa-genssa"
          rows={column.genssa.map((g) => ({ line: g.line, text: g.text, ref: g.value ?? g.block, pc: g.pc }))}
          onLine={(l) => openLine(l)}
          onRef={onJump}
        />
      )}
      {tab === 'search' && search && (
        <div className="ssa-search-results" data-testid="ssa-search-results">
          {search.hits.length} hits{search.truncated ? ' (first ones only)' : ''}
          {search.hits.map((h, k) => (
            <div key={k} className="ssa-row" onClick={() => store.showHit(h.phase, h.value)}>
              <span className="muted">{summary?.phases[h.phase]?.name}</span> {h.block} {h.text}
            </div>
          ))}
        </div>
      )}
    </>
  );
}
