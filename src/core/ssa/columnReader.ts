// What SsaHtmlParser asks of the reader of one kind of ssa.html column (one per kind: sources, AST, the
// pass columns, genssa), and the class tokens html.go writes on elements ("b3", "v12", "l45").

export interface ColumnReader {
  /** A column of this kind opens (its `-exp` cell). */
  begin(title: string): void;
  /** An element opens inside the column (not the column's own cells or its <h2> titles). */
  open(name: string, cls: string): void;
  /** An element closes; cls is the class it opened with. */
  close(name: string, cls: string): void;
  text(text: string): void;
  /** Whether text() would keep the next text (when not, the tokenizer never decodes it). */
  wantsText(): boolean;
  /** The column's cell ends; truncated: the file ended inside it. */
  end(truncated: boolean): void;
}

const TOKEN_RE = { b: /(?:^|\s)(b\d+)(?=\s|$)/, v: /(?:^|\s)(v\d+)(?=\s|$)/, l: /(?:^|\s)l(\d+)(?=\s|$)/ };

/** The block ("b3") or value ("v12") id among an element's classes. */
export const classToken = (cls: string, kind: 'b' | 'v') => TOKEN_RE[kind].exec(cls)?.[1];

/** The source line of an element's "l45" class. */
export const lineOfClass = (cls: string): number | null => {
  const m = TOKEN_RE.l.exec(cls);
  return m ? Number(m[1]) : null;
};

/**
 * What a column holds, by its name (its cell id without `-col`/`-exp`) and its `-exp` cell's class:
 * ssagen writes the genssa column with class "ssa-prog"; every other column that is not the sources or
 * the AST is a pass column.
 */
export function columnKindOf(name: string, cls: string): 'sources' | 'AST' | 'genssa' | 'phase' {
  return name === 'sources' ? 'sources' : name === 'AST' ? 'AST' : name === 'genssa' || cls.includes('ssa-prog') ? 'genssa' : 'phase';
}

/** A column's title: the text of its title cell, or else its name with html.go's dashes undone. */
export const columnTitleOf = (name: string, titleCell: string | null): string =>
  (titleCell ?? name.replace(/--\+--/g, '  +  ').replace(/-/g, ' ')).trim();

/** A pass's time from the stats of its <h2> ("[1372 ns]"), or null. */
export function passNs(stats: string): number | null {
  const ns = /\[(\d+) ns\]/.exec(stats);
  return ns ? Number(ns[1]) : null;
}
