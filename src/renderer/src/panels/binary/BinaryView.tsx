// The Binary view: build the project's main package (or open a binary in the project), then its build
// info, size treemap, symbols table and a function's disassembly with clickable source lines.
import { useCallback, useState } from 'react';
import type { BinaryAnalysis, BuildForAnalysis } from '../../../../shared/contract/binary';
import type { DisassembledFunction } from '../../../../shared/contract/binaryTypes';
import type { ViewProps } from '../viewProps';
import { Treemap } from './Treemap';
import { SymbolsTable } from './SymbolsTable';
import { Disassembly } from './Disassembly';
import { BuildInfoTable } from './BuildInfoTable';
import { BuildOutcome } from './BuildOutcome';
import { DynamicLibraries } from './DynamicLibraries';
import { RunBinaries } from './RunBinaries';
import { SizeDiffView } from './SizeDiffView';
import { FileBytesHeadline, FileBytesTable } from './FileBytesTable';
import { WhyInBinary } from './WhyInBinary';
import { formatBytesFine } from '../../../../shared/format';
import './binary.css';
import { useBusyAction } from '../../hooks/useBusyAction';


export function BinaryView({ api, workspace, openSource }: ViewProps) {
  const [pkg, setPkg] = useState('.');
  const [tags, setTags] = useState('');
  const [binPath, setBinPath] = useState('');
  const [build, setBuild] = useState<BuildForAnalysis | null>(null);
  const [analysis, setAnalysis] = useState<BinaryAnalysis | null>(null);
  const [fn, setFn] = useState<DisassembledFunction | null>(null);
  /** A symbol or package asked from elsewhere in the view; `id` when it belongs to another analysed binary (a size diff's after). */
  const [whyAsked, setWhyAsked] = useState<{ target: string; id?: string } | null>(null);
  const askWhy = useCallback((target: string, id?: string) => setWhyAsked({ target, ...(id ? { id } : {}) }), []);
  const { busy, error, run } = useBusyAction();


  const doBuild = () =>
    run('Building…', async () => {
      setBuild(null); // the previous outcome would read as this build's until it ends
      const tagList = tags.split(/[\s,]+/).filter(Boolean);
      const res = await api.call('binary.build', { package: pkg || '.', ...(tagList.length ? { tags: tagList } : {}) });
      setBuild(res);
      setFn(null);
      if (res.analysis) setAnalysis(res.analysis);
    });

  const doOpen = () =>
    run('Analysing…', async () => {
      setAnalysis(await api.call('binary.open', { path: binPath }));
      setBuild(null);
      setFn(null);
    });

  const openFrom = (open: () => Promise<BinaryAnalysis>) =>
    void run('Analysing…', async () => {
      setAnalysis(await open());
      setBuild(null);
      setFn(null);
    });

  const showFunction = useCallback(
    (symbol: string) => {
      if (!analysis) return;
      void run('Disassembling…', async () => {
        const res = await api.call('binary.disassemble', { id: analysis.id, symbol });
        if (!res) throw new Error(`objdump found no function named ${symbol}.`);
        setFn(res);
      });
    },
    [api, analysis, run],
  );

  if (!workspace) return <div className="binary-view muted">Open a project first.</div>;
  return (
    <div className="binary-view" data-testid="binary-view">
      <form
        className="row-tools"
        onSubmit={(e) => {
          e.preventDefault();
          void doBuild();
        }}
      >
        <label>
          Package <input value={pkg} onChange={(e) => setPkg(e.target.value)} size={14} aria-label="Package folder" />
        </label>
        <label>
          Tags <input value={tags} onChange={(e) => setTags(e.target.value)} size={14} aria-label="Build tags" placeholder="none" />
        </label>
        <button type="submit" disabled={!!busy}>
          Build for analysis
        </button>
        <span className="muted">or</span>
        <input value={binPath} onChange={(e) => setBinPath(e.target.value)} placeholder="binary in the project" aria-label="Binary path" />
        <button type="button" disabled={!!busy || !binPath} onClick={() => void doOpen()}>
          Analyse binary
        </button>
        {busy && <span className="muted">{busy}</span>}
      </form>
      <RunBinaries api={api} busy={!!busy} onOpen={openFrom} />
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {build && <BuildOutcome build={build} />}
      {analysis && (
        <>
          <h3>
            {analysis.name}{' '}
            <span className="muted" data-testid="binary-sizes">
              — {analysis.location}, {formatBytesFine(analysis.fileSize)} on disk, {formatBytesFine(analysis.symbolTotal)} of it in symbols
              {analysis.memoryOnlyTotal > 0 && `; ${formatBytesFine(analysis.memoryOnlyTotal)} more in memory only (.bss, not in the file or the treemap)`}
            </span>
          </h3>
          {analysis.bytes && <FileBytesHeadline bytes={analysis.bytes} />}
          {analysis.sectionsProblem && <div className="banner">Sizes may include .bss: {analysis.sectionsProblem}.</div>}
          <div className="binary-grid">
            <Treemap key={analysis.id} root={analysis.fileTree ?? analysis.tree} onSymbol={showFunction} onWhy={askWhy} />
            <BuildInfoTable analysis={analysis} />
          </div>
          {analysis.bytes && <FileBytesTable key={analysis.id} bytes={analysis.bytes} />}
          <SizeDiffView api={api} currentId={analysis.id} onWhy={askWhy} />
          <DynamicLibraries key={analysis.id} api={api} id={analysis.id} name={analysis.name} />
          <WhyInBinary key={analysis.id} api={api} id={whyAsked?.id ?? analysis.id} asked={whyAsked} openSource={openSource} />
          {fn && <Disassembly fn={fn} openSource={openSource} />}
          <SymbolsTable api={api} id={analysis.id} onSymbol={showFunction} onWhy={askWhy} />
        </>
      )}
    </div>
  );
}
