// Context-menu actions features add to the source editor ("Show SSA", ...). Registered once at
// module load of the feature; the editor adds every registered action to each editor it creates.

export interface EditorActionContext {
  /** Project-relative path of the open file. */
  path: string;
  line: number;
  /** The text of that line. */
  lineText: string;
}

export interface EditorAction {
  id: string;
  label: string;
  /** Optional keybinding as Monaco key code combination (KeyMod | KeyCode). */
  keybinding?: number;
  /** false: only in the command palette (F1), not in the context menu. */
  menu?: boolean;
  run(ctx: EditorActionContext): void;
}

export const editorActions: EditorAction[] = [];

export function registerEditorAction(action: EditorAction): void {
  if (!editorActions.some((a) => a.id === action.id)) editorActions.push(action);
}

/**
 * A code lens a feature puts above some lines of a file ("Show SSA" above every func). Clicking it
 * runs the feature with that line, as its context action does with the cursor's line.
 */
export interface EditorCodeLens {
  id: string;
  /** Monaco language id of the files it applies to. */
  language: string;
  title: string;
  /** The lines (1-based) that get the lens, each with its tooltip. */
  lines(text: string[], path: string): Array<{ line: number; tooltip: string }>;
  run(ctx: EditorActionContext): void;
}

export const editorCodeLenses: EditorCodeLens[] = [];

export function registerEditorCodeLens(lens: EditorCodeLens): void {
  if (!editorCodeLenses.some((l) => l.id === lens.id)) editorCodeLenses.push(lens);
}
