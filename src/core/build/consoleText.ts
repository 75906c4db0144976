// Turns the live pty stream of `go build -json` into what a person reads: each build event's Output,
// other lines (stderr merged by the pty) as they are. Chunks may split lines anywhere.
import { parseEvent } from './buildJson';

export class BuildConsoleText {
  private partial = '';

  /** Feeds a chunk; returns the readable text for the complete lines in it (with \r\n for terminals). */
  push(chunk: string): string {
    const text = this.partial + chunk;
    const lastNl = text.lastIndexOf('\n');
    if (lastNl < 0) {
      this.partial = text;
      return '';
    }
    this.partial = text.slice(lastNl + 1);
    return this.render(text.slice(0, lastNl + 1));
  }

  /** The rest, at the end of the stream. */
  flush(): string {
    const rest = this.partial;
    this.partial = '';
    return rest ? this.render(rest + '\n') : '';
  }

  private render(lines: string): string {
    let out = '';
    for (const raw of lines.split('\n').slice(0, -1)) {
      const line = raw.replace(/\r$/, '');
      const ev = line.startsWith('{') ? parseEvent(line) : null;
      if (ev) out += ev.output ?? '';
      else out += line + '\n';
    }
    return out.replace(/\r?\n/g, '\r\n');
  }
}
