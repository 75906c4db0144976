// Hardening tests record what they tried and what happened; scripts/reliability-report.mjs turns the
// records into docs/RELIABILITY.md (npm run test:hardening). Records are written only when asked
// (GOPSY_RECORD_TRIALS=1), so the ordinary test run leaves the tree clean.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Trial {
  area: 'hostile input' | 'faults' | 'load' | 'access';
  /** What was tried, e.g. "parseGoList: mutations of a real go list capture". */
  what: string;
  /** How many cases or attempts. */
  cases: number;
  /** What happened, in plain words, with figures. */
  outcome: string;
  ok: boolean;
}

/** How many generated cases a property runs: a few hundred in npm test, more for the report. */
export const RUNS = Number(process.env.GOPSY_HARDENING_RUNS ?? 300);

const trials: Trial[] = [];

export function recordTrial(t: Trial): void {
  // Temp paths differ per run and machine: the report shows them as $TMP.
  trials.push({ ...t, outcome: t.outcome.split(os.tmpdir()).join('$TMP') });
}

/** Call from afterAll of each hardening file. */
export function saveTrials(file: string): void {
  if (!process.env.GOPSY_RECORD_TRIALS) return;
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${file}.json`), JSON.stringify({ date: new Date().toISOString(), trials }, null, 2) + '\n');
}
