// gopls's log for its console tab: what every gopls of the open project wrote on stderr, with a line
// where gopsy started or saw one end (so a crash and the restart after it read in order). Bounded to
// the last GOPLS_LOG_CHARS; `end` counts every character ever appended, so a reader that has the text
// up to some end can take only what follows from an appended event. Appends are sent in batches.
export const GOPLS_LOG_CHARS = 200_000;
const BATCH_MS = 100;

export interface GoplsLogAppend {
  text: string;
  /** Characters appended since the backend started, this text included. */
  end: number;
}

export class GoplsLog {
  private text = '';
  private end = 0;
  private pending = '';
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly onAppend: (a: GoplsLogAppend) => void) {}

  append(text: string): void {
    if (!text) return;
    this.text = (this.text + text).slice(-GOPLS_LOG_CHARS);
    this.end += text.length;
    this.pending += text;
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), BATCH_MS);
      this.timer.unref?.();
    }
  }

  /** A line of gopsy's own about gopls (started, ended), marked so it is not taken for gopls's. */
  note(line: string): void {
    this.append(`[gopsy ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending) return;
    const text = this.pending.slice(-GOPLS_LOG_CHARS);
    this.pending = '';
    this.onAppend({ text, end: this.end });
  }

  snapshot(): GoplsLogAppend {
    return { text: this.text, end: this.end };
  }
}
