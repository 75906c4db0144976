// One column of an ssa.html parsed on its own, from the byte ranges its index gives (columnIndex.ts):
// the document head (which names the function) and the column's cells, closed as html.go closes the
// row. The same parser as the in-order parse (SsaHtmlParser) reads them, so a phase parsed this way is
// the phase the in-order parse gives (test/core/ssa/columnIndex.test.ts holds the two side by side).
import type { SsaFunction, SsaPhase } from '../../shared/ssa';
import { asciiBytes, indexOfBytes } from './bytes';
import type { ColumnIndex } from './columnIndex';
import { SsaHtmlParser } from './parseSsaHtml';

const ROW_CLOSE = asciiBytes('</tr></table></body></html>');
const BLOCK = asciiBytes('<ul class="b');
const COLUMN_CLOSE = asciiBytes('</code></td>\n');
const VALUE = asciiBytes('<li class="ssa-long-value ');
/** Closes a block cut before one of its values: the value list, its item, the block; then the column. */
const BLOCK_CUT = asciiBytes('</ul></li></ul></code></td>\n');

/** The function as far as one column tells it: its name, and that column's phase, sources, AST, genssa or other text. */
export function parseColumn(head: Uint8Array, column: Uint8Array): SsaFunction {
  const parser = new SsaHtmlParser();
  parser.feed(head);
  parser.feed(column);
  parser.feed(ROW_CLOSE);
  return parser.finish();
}

/** The phase a pass column holds (null when the column is not one). */
export function parsePhaseColumn(head: Uint8Array, column: Uint8Array): SsaPhase | null {
  return parseColumn(head, column).phases[0] ?? null;
}

/**
 * The first blocks of a pass column's phase, from the first bytes of the column (`prefix`), marked
 * `preview` (the view shows them while the whole phase is parsed): the blocks that end before the last
 * block starting in it; when only one block starts in it, that block's values up to the last one
 * starting in it (the block's end line, with its kind and successors, is then not in the preview). Null
 * when the prefix does not hold that much.
 */
export function parsePhasePreview(head: Uint8Array, prefix: Uint8Array): SsaPhase | null {
  const first = indexOfBytes(prefix, BLOCK, 0);
  if (first < 0) return null;
  const lastBlock = lastIndexOfBytes(prefix, BLOCK);
  const lastValue = lastIndexOfBytes(prefix, VALUE);
  const [cut, close] = lastBlock > first ? [lastBlock, COLUMN_CLOSE] : lastValue > first ? [lastValue, BLOCK_CUT] : [-1, COLUMN_CLOSE];
  if (cut < 0) return null;
  const parser = new SsaHtmlParser();
  parser.feed(head);
  parser.feed(prefix.subarray(0, cut));
  parser.feed(close);
  parser.feed(ROW_CLOSE);
  const phase = parser.finish().phases[0];
  return phase ? { ...phase, preview: true } : null;
}

function lastIndexOfBytes(b: Uint8Array, lit: Uint8Array): number {
  for (let i = b.lastIndexOf(lit[0]!); i >= 0; i = i > 0 ? b.lastIndexOf(lit[0]!, i - 1) : -1) {
    let k = 1;
    while (k < lit.length && b[i + k] === lit[k]) k++;
    if (k === lit.length) return i;
  }
  return -1;
}

/**
 * The whole function from its index, each column parsed on its own (read: the file's bytes in
 * [start, end)). Phases come in file order; the other columns add their parts and warnings.
 */
export function functionFromIndex(ix: ColumnIndex, read: (start: number, end: number) => Uint8Array): SsaFunction {
  const head = read(0, ix.headEnd);
  const fn: SsaFunction = { name: parseColumn(head, new Uint8Array(0)).name, format: 'html', phases: [], sources: [], ast: [], genssa: [], other: [], partial: false, warnings: [] };
  for (const c of ix.columns) addColumn(fn, parseColumn(head, read(c.start, c.end)));
  return fn;
}

/** Adds what one column's parse gave to the function. */
export function addColumn(fn: SsaFunction, part: SsaFunction): void {
  fn.phases.push(...part.phases);
  fn.sources.push(...part.sources);
  fn.ast.push(...part.ast);
  fn.genssa.push(...part.genssa);
  fn.other.push(...part.other);
  fn.warnings.push(...part.warnings);
  fn.partial ||= part.partial;
}
