// Opening a folder that already holds an ssa.html (ssa.open): phases come from the stored JSON text,
// the whole function is rebuilt on demand, and folders outside the project and storage are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SsaService } from '../../../src/main/services/ssa/ssaService';
import { parseSsaHtml } from '../../../src/core/ssa/parseSsaHtml';
import { ssaHtmlFixture } from '../../core/ssa/ssaFixtures';

const FIXTURE = path.join(__dirname, '../../fixtures/ssa/store-add/ssa.html');
let temp: string;
let project: string;
let svc: SsaService;

beforeAll(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-ssa-open-'));
  project = path.join(temp, 'project');
  mkdirSync(path.join(project, 'kept'), { recursive: true });
  cpSync(FIXTURE, path.join(project, 'kept', 'ssa.html'));
  svc = new SsaService(path.join(temp, 'storage'));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('ssa.open', () => {
  it('opens a kept ssa.html inside the project, with the same phases as a direct parse', async () => {
    const { id, formats } = await svc.openInProject(project, 'kept');
    expect(formats).toEqual(['html']);
    const direct = parseSsaHtml(ssaHtmlFixture('store-add'));
    const summary = await svc.store.summary(id);
    expect(summary.name).toBe('(*Store).Add,1');
    const full = await svc.store.full(id);
    expect(full.phases.map((p) => p.name)).toEqual(direct.phases.map((p) => p.name));
    const last = direct.phases.length - 1;
    expect(await svc.store.phase(id, undefined, last)).toEqual(direct.phases[last]);
    const done = await svc.store.summary(id);
    expect(done.phases[last]).toMatchObject({ blocks: direct.phases[last]!.blocks.length, name: direct.phases[last]!.name });
    expect((await svc.store.columns(id)).sources[0]!.lines.length).toBeGreaterThan(0);
  });

  it('refuses folders outside the project and gopsy storage', async () => {
    await expect(svc.openInProject(project, '..')).rejects.toThrow(/outside the project/);
    await expect(svc.openInProject(project, os.tmpdir())).rejects.toThrow(/outside the project/);
  });
});
