// The SSA view's kept function listings are bounded on disk, least recently used first out.
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { boundListings, touchListing } from '../../../src/main/services/ssa/keptListings';
import { makeTemp, removeTemp } from '../../support/backend';

let temp: string | undefined;
afterAll(() => removeTemp(temp));

test('beyond the bound, the least recently used listings go; other files stay', async () => {
  temp = await makeTemp('listings');
  const dir = path.join(temp, 'listings');
  await mkdir(dir);
  // Five listings made a minute apart, the first one read again just now; a file that is no listing.
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, `k${i}.json`);
    await writeFile(file, '[]');
    const t = new Date(Date.now() - (10 - i) * 60_000);
    await utimes(file, t, t);
  }
  await writeFile(path.join(dir, 'notes.txt'), 'kept');
  await touchListing(path.join(dir, 'k0.json'));

  expect(await boundListings(dir, 3)).toBe(2);
  expect((await readdir(dir)).sort()).toEqual(['k0.json', 'k3.json', 'k4.json', 'notes.txt']);
  expect(await boundListings(dir, 3)).toBe(0);
  expect(await boundListings(path.join(temp, 'missing'), 3)).toBe(0);
});
