// The SSA parser as it was before core/ssa/byteTokenizer.ts: the same SsaHtmlParser fed by the string
// tokenizer kept here. Tests and the bench hold the byte parser to it (same results, and its speed as
// the baseline).
import { createReadStream } from 'node:fs';
import type { SsaFunction } from '../../../src/shared/ssa';
import { SsaHtmlParser } from '../../../src/core/ssa/parseSsaHtml';
import { HtmlTokenizer } from './htmlTokenizer';

/** A parser whose feed() takes text and tokenizes it with the string tokenizer. */
export class ReferenceSsaHtmlParser {
  private readonly parser = new SsaHtmlParser();
  private readonly tokenizer = new HtmlTokenizer(this.parser);

  feed(chunk: string): void {
    this.tokenizer.feed(chunk);
  }

  finish(): SsaFunction {
    this.tokenizer.end();
    return this.parser.finish();
  }
}

export function parseSsaHtmlReference(html: string, chunk = 1 << 20): SsaFunction {
  const p = new ReferenceSsaHtmlParser();
  for (let i = 0; i < html.length; i += chunk) p.feed(html.slice(i, i + chunk));
  return p.finish();
}

/** The whole file streamed as text in 1 MB chunks, as parseHtmlFileInline read it. */
export async function parseSsaHtmlFileReference(file: string): Promise<SsaFunction> {
  const p = new ReferenceSsaHtmlParser();
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) p.feed(chunk as string);
  return p.finish();
}
