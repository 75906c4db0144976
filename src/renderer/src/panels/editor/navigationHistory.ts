// Back and forward through the places the editor jumped between (go to definition, a reference, a
// symbol, quick open), as in VS Code's Go Back / Go Forward: a jump records where the cursor was.

export interface Place {
  path: string;
  line: number;
  /** Monaco's column (UTF-16, 1-based). */
  column: number;
}

/** Places kept each way; older ones are dropped. */
export const HISTORY_LIMIT = 50;

const same = (a: Place, b: Place) => a.path === b.path && a.line === b.line;

export class NavigationHistory {
  private readonly back: Place[] = [];
  private readonly forward: Place[] = [];

  /** A jump is leaving `from`: it becomes the place Back returns to; Forward's places are dropped. */
  record(from: Place): void {
    const last = this.back[this.back.length - 1];
    if (!last || !same(last, from)) this.back.push(from);
    if (this.back.length > HISTORY_LIMIT) this.back.shift();
    this.forward.length = 0;
  }

  /** Where Back goes from `current` (which Forward will return to), or null at the start. */
  goBack(current: Place | null): Place | null {
    const to = this.back.pop();
    if (!to) return null;
    if (current) this.forward.push(current);
    return to;
  }

  goForward(current: Place | null): Place | null {
    const to = this.forward.pop();
    if (!to) return null;
    if (current) this.back.push(current);
    return to;
  }

  get canGoBack(): boolean {
    return this.back.length > 0;
  }

  get canGoForward(): boolean {
    return this.forward.length > 0;
  }
}
