// What an entry is, derived from where it sits in a session. Later features add kinds here; a reader
// shows kinds it does not know as "other" and still verifies and lists them.
import { runEntryParts } from '../../shared/runLayout';
import { ARTEFACTS } from '../../shared/runFolder';
import { SSA_FOLDER } from './ssaLayout';

export const ENTRY_KINDS = ['session', 'note', 'layout', 'run-manifest', 'run-artefact', 'source', 'events', 'debugger', 'ssa-capture', 'other'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export function kindOf(path: string): EntryKind {
  if (path === 'session.json') return 'session';
  if (path === 'notes.json') return 'note';
  if (path === 'layout.json') return 'layout';
  const runFile = runEntryParts(path);
  if (runFile) return runFile.rel === ARTEFACTS.manifest ? 'run-manifest' : 'run-artefact';
  if (path.startsWith('sources/')) return 'source';
  if (path.startsWith('events/')) return 'events';
  if (path.startsWith('debugger/')) return 'debugger';
  if (path.startsWith(`${SSA_FOLDER}/`)) return 'ssa-capture';
  return 'other';
}

export function isKnownKind(kind: string): kind is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(kind);
}
