// A headless capture saved as a session bundle (`gopsy capture --out FILE.gopsy`): the run, the
// project's sources and a session.json, planned and written exactly as Save Session does (same plan,
// same redaction defaults, same atomic writer).
import path from 'node:path';
import type { RunManifest } from '../../../shared/build';
import { detectToolchain } from '../toolchain';
import { inspectFolder } from '../workspace';
import { writeBundle, type WriteOptions, type WriteResult } from './bundleWriter';
import { planSave, projectOf } from './savePlan';
import { runLabel } from './sessionContent';
import { runFolder } from '../../../shared/runLayout';

export async function writeCaptureBundle(outFile: string, projectRoot: string, run: RunManifest, runDir: string, opts: WriteOptions = {}): Promise<WriteResult> {
  const ws = await inspectFolder(projectRoot);
  const session = { name: ws.name, projectRoot: ws.root, createdAt: run.startedAt };
  const plan = await planSave(
    {
      project: projectOf(ws),
      extra: [{ path: 'session.json', kind: 'session', from: { bytes: Buffer.from(JSON.stringify(session, null, 1)) }, redact: false }],
      folders: [{ key: runFolder(run.id), label: runLabel(run), kind: 'run', dir: runDir, prefix: runFolder(run.id) }],
    },
    await detectToolchain(),
    { includeSources: true, excludeSources: [] },
  );
  return writeBundle(path.resolve(outFile), plan.entries, plan.header, opts);
}
