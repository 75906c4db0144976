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
  run(ctx: EditorActionContext): void;
}

export const editorActions: EditorAction[] = [];

export function registerEditorAction(action: EditorAction): void {
  if (!editorActions.some((a) => a.id === action.id)) editorActions.push(action);
}
