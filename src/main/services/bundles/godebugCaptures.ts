// The GODEBUG captures of a session store (events/*.jsonl) for the Runtime view's replay: the list
// from each file's header line, and one capture's events streamed through the line-checking parser,
// with the same event cap as a live session and a cap on the entry's size.
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { CaptureParser, readCaptureHeader } from '../../../core/godebug/capture';
import type { BundleCapture, BundleCaptureEvents } from '../../../shared/contract/bundleGodebug';
import type { TraceEvent } from '../../../shared/godebug';
import { formatMiB } from '../../../shared/format';
import { GopsyError, RawJson } from '../../../shared/rpc';
import { MAX_SESSION_EVENTS } from '../godebug/traceSessions';
import type { SessionStore } from './sessionStore';

/** A capture of MAX_SESSION_EVENTS real events is about 200 MB; a larger entry is not read. */
export const MAX_CAPTURE_ENTRY_BYTES = 512 * 2 ** 20;
/** The header is one short line; reading stops here if no newline came. */
const MAX_HEADER_BYTES = 64 * 1024;

export function isCapturePath(p: string): boolean {
  return p.startsWith('events/') && p.endsWith('.jsonl');
}

/** The captures, in start order (their names begin with the start time). */
export async function listCaptures(store: SessionStore): Promise<BundleCapture[]> {
  const entries = (await store.list()).filter((e) => isCapturePath(e.path)).sort((a, b) => a.path.localeCompare(b.path));
  const out: BundleCapture[] = [];
  for (const e of entries) {
    const base: BundleCapture = { path: e.path, size: e.size, title: path.posix.basename(e.path, '.jsonl'), commandLine: '', godebug: '', startedAt: '', endedAt: '', count: null, truncated: false };
    let first: string;
    try {
      first = await firstLine(store, e.path);
    } catch (err) {
      out.push({ ...base, problem: `It cannot be read: ${(err as Error).message}` });
      continue;
    }
    const h = readCaptureHeader(first);
    if (h.status === 'ok') {
      const { title, commandLine, godebug, startedAt, endedAt, count, truncated, running } = h.header;
      out.push({ ...base, title: title || base.title, commandLine, godebug, startedAt, endedAt, count, truncated, ...(running ? { running } : {}) });
    } else if (h.status === 'missing') out.push({ ...base, problem: 'It has no godebug-capture header line.' });
    else if (h.status === 'damaged') out.push({ ...base, problem: `Its header line is damaged (${h.problem}).` });
    else out.push({ ...base, problem: `It holds "${h.type}" records, not GODEBUG events.` });
  }
  return out;
}

async function firstLine(store: SessionStore, entry: string): Promise<string> {
  const stream = await store.open(entry);
  const decoder = new StringDecoder('utf8');
  let text = '';
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      bytes += b.length;
      text += decoder.write(b);
      const nl = text.indexOf('\n');
      if (nl >= 0) return text.slice(0, nl);
      if (bytes > MAX_HEADER_BYTES) return '';
    }
  } finally {
    stream.destroy();
  }
  return text + decoder.end();
}

/** One capture's events; every line checked, bad ones skipped and counted. */
export async function readCapture(
  store: SessionStore,
  entry: string,
  maxEvents = MAX_SESSION_EVENTS,
  maxBytes = MAX_CAPTURE_ENTRY_BYTES,
): Promise<BundleCaptureEvents> {
  const events: TraceEvent[] = [];
  const rest = await scanCapture(store, entry, maxEvents, maxBytes, (e) => events.push(e));
  return { path: entry, events, ...rest };
}

/** Events are written into parts of about this size. */
const PART_BYTES = 64 * 1024;

/**
 * The same as readCapture, as the JSON text of its answer made while the entry is read: the events are
 * never all objects at once, nor their text one string (a capture of a million events is ~200 MB).
 */
export async function readCaptureJson(
  store: SessionStore,
  entry: string,
  maxEvents = MAX_SESSION_EVENTS,
  maxBytes = MAX_CAPTURE_ENTRY_BYTES,
): Promise<RawJson<BundleCaptureEvents>> {
  const parts: Buffer[] = [Buffer.from(`{"path":${JSON.stringify(entry)},"events":[`)];
  let lines: string[] = [];
  let size = 0;
  let first = true;
  const flush = () => {
    if (lines.length === 0) return;
    parts.push(Buffer.from((first ? '' : ',') + lines.join(',')));
    first = false;
    lines = [];
    size = 0;
  };
  const rest = await scanCapture(store, entry, maxEvents, maxBytes, (e) => {
    const json = JSON.stringify(e);
    lines.push(json);
    size += json.length;
    if (size >= PART_BYTES) flush();
  });
  flush();
  parts.push(Buffer.from(`],${JSON.stringify(rest).slice(1)}`));
  return new RawJson<BundleCaptureEvents>(parts);
}

async function scanCapture(
  store: SessionStore,
  entry: string,
  maxEvents: number,
  maxBytes: number,
  onEvent: (event: TraceEvent) => void,
): Promise<Omit<BundleCaptureEvents, 'path' | 'events'>> {
  if (!isCapturePath(entry)) throw new GopsyError('not-a-capture', `${entry} is not a GODEBUG capture (events/*.jsonl).`);
  const meta = (await store.list()).find((e) => e.path === entry);
  if (!meta) throw new GopsyError('not-found', `${entry} is not in this bundle.`);
  if (meta.size > maxBytes) {
    throw new GopsyError('too-large', `${entry} is ${meta.size} bytes, more than the ${formatMiB(maxBytes)} gopsy replays.`);
  }
  const parser = new CaptureParser(maxEvents, onEvent);
  const decoder = new StringDecoder('utf8');
  const stream = await store.open(entry);
  try {
    // The bundle's stream fails at its end when the bytes do not match the manifest's sha256.
    for await (const chunk of stream) {
      if (!parser.push(decoder.write(chunk as Buffer))) break;
    }
    if (!parser.done) parser.push(decoder.end());
  } catch (err) {
    throw err instanceof GopsyError ? err : new GopsyError('bad-bundle', `${entry} cannot be read: ${(err as Error).message}`);
  } finally {
    stream.destroy();
  }
  const r = parser.end();
  const recordedCut = r.header.status === 'ok' && r.header.header.truncated;
  return { skipped: r.skipped, truncated: r.capped || recordedCut, warnings: r.warnings };
}
