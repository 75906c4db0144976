// The function listings the SSA view keeps on disk (ssa/<project key>/listings/<key>.json): each edit
// of a package makes a new source state and so a new file, so they are bounded here, least recently
// used first out. A listing dropped is only made again when it is next needed.
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';

/** Listings kept per project on disk (a gopls package's listing is about 100 KB). */
export const MAX_LISTINGS_ON_DISK = 200;

/** Marks a kept listing as just used, so that it is the last to go. */
export async function touchListing(file: string): Promise<void> {
  const now = new Date();
  await utimes(file, now, now).catch(() => {});
}

/** Removes the least recently used listings of `dir` beyond `max`; returns how many went. */
export async function boundListings(dir: string, max = MAX_LISTINGS_ON_DISK): Promise<number> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  if (names.length <= max) return 0;
  const dated = await Promise.all(
    names.map(async (name) => ({ name, used: await stat(path.join(dir, name)).then((s) => s.mtimeMs, () => 0) })),
  );
  dated.sort((a, b) => b.used - a.used || a.name.localeCompare(b.name));
  const gone = dated.slice(max);
  await Promise.all(gone.map((g) => rm(path.join(dir, g.name), { force: true })));
  return gone.length;
}
