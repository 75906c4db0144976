// `gopsy storage`: what gopsy keeps in its storage per project (runs, SSA captures) and shared, with
// deletion of old items (`prune`, `delete`) and the limits applied after each run (`limits`). What a
// running workbench has in use (a build, a run shown in a view) is kept: it says so in its ledger.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../shared/format';
import { limitsText, StorageLimits, type DeleteOutcome, type ProjectStorage, type StorageItem, type StorageRef, type StorageReport } from '../shared/contract/storage';
import { defaultStorageDir, SettingsStore } from '../main/services/settings';
import { projectKey } from '../main/services/runs/runStore';
import { StorageService, refOf } from '../main/services/storage/storageService';
import { ArgReader, UsageError, type CliCommand } from './command';

const USAGE = `gopsy storage [--project DIR] [--json]               what gopsy keeps, per project and shared
  gopsy storage prune --keep N [--kind run|ssa|all] [--project DIR] [--dry-run] [--json]
                                                     delete all but the newest N runs / SSA captures of a project
  gopsy storage prune --limits [--dry-run] [--json]  apply the limits now, as after each run
  gopsy storage delete KIND:ID... [--json]           delete items by the ids the listing shows
                                                     (run:ID, ssa:ID, binary:ID, bundle-run:ID, ssa-temp:ID, received:NAME)
  gopsy storage limits [--keep-runs N] [--keep-ssa N] [--max-size SIZE] [--json]
                                                     show or set the limits (0: none; SIZE like 4G, 500M)
  --storage DIR   gopsy's storage folder (default: ${defaultStorageDir()})
Items a running gopsy has in use (a build running, a run or capture shown in a view, an open bundle's
extracted runs) are never deleted; neither is a run a session note is attached to.`;

function storageDir(r: ArgReader): string {
  return r.get('--storage') ? path.resolve(r.get('--storage')!) : defaultStorageDir();
}

function projectRoot(dir: string): string {
  try {
    return realpathSync(path.resolve(dir));
  } catch {
    throw new UsageError(`${dir} does not exist`);
  }
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function itemLine(i: StorageItem): string {
  const at = i.createdAt.slice(0, 19).replace('T', ' ');
  return `  ${`${i.kind}:${i.id}`.padEnd(36)} ${at}  ${formatBytes(i.bytes).padStart(10)}  ${i.label}${i.inUse ? `  [in use: ${i.inUse}]` : ''}`;
}

function printProject(p: ProjectStorage): void {
  const sum = (xs: StorageItem[]) => formatBytes(xs.reduce((n, i) => n + i.bytes, 0));
  process.stdout.write(`${p.name}${p.root ? ` (${p.root})` : ''}: ${formatBytes(p.bytes)}\n`);
  process.stdout.write(`  ${count(p.runs.length, 'run')} (${sum(p.runs)}), ${count(p.ssa.length, 'SSA capture')} (${sum(p.ssa)})`);
  process.stdout.write(p.oldest ? `; oldest ${p.oldest.slice(0, 19).replace('T', ' ')}, newest ${p.newest!.slice(0, 19).replace('T', ' ')}\n` : '\n');
  for (const i of [...p.runs, ...p.ssa]) process.stdout.write(itemLine(i) + '\n');
}

function printReport(rep: StorageReport, only?: string): void {
  process.stdout.write(`gopsy storage ${rep.dir}: ${formatBytes(rep.totalBytes)} in all\n\n`);
  const projects = only ? rep.projects.filter((p) => p.key === only) : rep.projects;
  if (only && projects.length === 0) process.stdout.write('This project has nothing in storage.\n');
  for (const p of projects) {
    printProject(p);
    process.stdout.write('\n');
  }
  if (only) return;
  if (rep.shared.length > 0) {
    process.stdout.write(`Shared: ${formatBytes(rep.shared.reduce((n, i) => n + i.bytes, 0))}\n`);
    for (const i of rep.shared) process.stdout.write(itemLine(i) + '\n');
    process.stdout.write('\n');
  }
  for (const a of rep.areas) process.stdout.write(`${a.name}: ${formatBytes(a.bytes)} in ${count(a.files, 'file')}: ${a.note}\n`);
  process.stdout.write(`\nLimits after each run: ${limitsText(rep.limits)}.\n`);
}

function printOutcome(res: DeleteOutcome, dryRun = false): void {
  for (const i of res.deleted) process.stdout.write(`${dryRun ? 'would delete' : 'deleted'} ${i.kind}:${i.id} (${formatBytes(i.bytes)}, ${i.label})\n`);
  for (const k of res.kept) process.stdout.write(`kept ${k.ref.kind}:${k.ref.id}: ${k.reason}\n`);
  process.stdout.write(`${dryRun ? 'Would free' : 'Freed'} ${formatBytes(res.freedBytes)} (${count(res.deleted.length, 'item')}).\n`);
}

/** "4G", "500M", "1.5GiB", "123456" → bytes. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(s.trim());
  if (!m) throw new UsageError(`not a size: ${s} (e.g. 4G, 500M, 0 for none)`);
  const pow = { '': 0, k: 1, m: 2, g: 3, t: 4 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.round(Number(m[1]) * 1024 ** pow);
}

function intOption(r: ArgReader, name: string): number | undefined {
  const v = r.get(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} takes a whole number (got ${v})`);
  return Number(v);
}

/** `run:ID` etc.; a bare run id is a run. The project of a run or capture is looked up in the listing. */
function refsFrom(args: string[], rep: StorageReport): StorageRef[] {
  const all = [...rep.projects.flatMap((p) => [...p.runs, ...p.ssa]), ...rep.shared];
  return args.map((a) => {
    const [kind, id] = a.includes(':') ? [a.slice(0, a.indexOf(':')), a.slice(a.indexOf(':') + 1)] : ['run', a];
    const found = all.find((i) => i.kind === kind && i.id === id);
    if (!found) throw new UsageError(`${a} is not in gopsy's storage (gopsy storage lists what is)`);
    return refOf(found);
  });
}

export const storageCommand: CliCommand = {
  summary: "what gopsy keeps in its storage, and deleting old runs and captures",
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv[0] && !argv[0].startsWith('-') ? [argv[0], ...argv.slice(1)] : ['list', ...argv];
    const r = new ArgReader(rest, ['--project', '--storage', '--keep', '--kind', '--keep-runs', '--keep-ssa', '--max-size'], ['--json', '--dry-run', '--limits']);
    const dir = storageDir(r);
    const settings = new SettingsStore(dir);
    const service = new StorageService(dir, { limits: () => settings.storageLimits() });
    const json = r.has('--json');
    const out = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 1) + '\n');
    switch (sub) {
      case 'list': {
        if (r.positional.length > 0) throw new UsageError(`unexpected ${r.positional.join(' ')}`);
        const rep = await service.report();
        const only = r.get('--project') ? projectKey(projectRoot(r.get('--project')!)) : undefined;
        if (json) out(only ? { ...rep, projects: rep.projects.filter((p) => p.key === only) } : rep);
        else printReport(rep, only);
        return 0;
      }
      case 'prune': {
        const dryRun = r.has('--dry-run');
        let res: DeleteOutcome;
        if (r.has('--limits')) {
          const limits = await settings.storageLimits();
          res = dryRun ? await dryLimits(service, limits) : await service.applyLimits(limits);
        } else {
          const keep = intOption(r, '--keep');
          if (keep === undefined) throw new UsageError('give --keep N (the newest N are kept) or --limits');
          const kind = r.get('--kind') ?? 'all';
          if (!['run', 'ssa', 'all'].includes(kind)) throw new UsageError('--kind is run, ssa or all');
          const kinds: Array<'run' | 'ssa'> = kind === 'all' ? ['run', 'ssa'] : [kind as 'run' | 'ssa'];
          const root = projectRoot(r.get('--project') ?? '.');
          if (dryRun) {
            res = planned(await service.pruneCandidates(root, keep, kinds));
          } else res = await service.prune(root, keep, kinds);
        }
        if (json) out(res);
        else printOutcome(res, dryRun);
        return 0;
      }
      case 'delete': {
        if (r.positional.length === 0) throw new UsageError('give the items to delete, e.g. run:20260101-120000-abcdef');
        const res = await service.delete(refsFrom(r.positional, await service.report()));
        if (json) out(res);
        else printOutcome(res);
        return res.kept.length > 0 ? 1 : 0;
      }
      case 'limits': {
        const cur = await settings.storageLimits();
        const next = {
          keepRuns: intOption(r, '--keep-runs') ?? cur.keepRuns,
          keepSsa: intOption(r, '--keep-ssa') ?? cur.keepSsa,
          maxBytes: r.get('--max-size') !== undefined ? parseSize(r.get('--max-size')!) : cur.maxBytes,
        };
        const checked = StorageLimits.safeParse(next);
        if (!checked.success) throw new UsageError(`limits out of range: ${checked.error.issues.map((i) => i.message).join('; ')}`);
        const changed = JSON.stringify(next) !== JSON.stringify(cur);
        const limits = changed ? await settings.setStorageLimits(checked.data) : cur;
        if (json) out(limits);
        else process.stdout.write(`${limitsText(limits)}\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown storage command ${sub}`);
    }
  },
};

function planned(items: StorageItem[]): DeleteOutcome {
  const free = items.filter((i) => !i.inUse);
  return {
    deleted: free,
    kept: items.filter((i) => i.inUse).map((i) => ({ ref: refOf(i), reason: `in use: ${i.inUse}` })),
    freedBytes: free.reduce((n, i) => n + i.bytes, 0),
  };
}

/** What the limits would delete, without deleting (the same choice as applyLimits). */
async function dryLimits(service: StorageService, limits: StorageLimits): Promise<DeleteOutcome> {
  return planned(await service.limitCandidates(limits));
}
