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
