// Bundles are files someone sent. Each test crafts one hostile .gopsy byte by byte and opens it
// through the real backend: a clear message, nothing written anywhere, and the backend still answers.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../src/main/services/backend';
import { RpcClient } from '../../../src/shared/rpc';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { DEFAULT_LIMITS } from '../../../src/core/bundle/limits';
import { craftBundle, craftZip, manifestFor, sha256 } from '../../support/zipCraft';
import { makeTemp, removeTemp, connectedBackend } from '../../support/backend';

let temp: string;
let api: RpcClient;
let backend: Backend;

/** Every file under dir, relative. */
async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() || e.isSymbolicLink()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  }
  return out.sort();
}

beforeAll(async () => {
  temp = await makeTemp('hostile');
  ({ backend, api } = await connectedBackend(path.join(temp, 'storage')));
});
afterAll(async () => {
  await backend.shutdown();
  await removeTemp(temp);
});

const txt = (s: string) => Buffer.from(s);
const good = [{ name: 'sources/main.go', data: txt('package main\n\nfunc main() {}\n') }];

async function expectRefused(name: string, bytes: Buffer, why: RegExp): Promise<void> {
  const file = path.join(temp, name);
  await writeFile(file, bytes);
  const before = await tree(temp);
  await expect(api.call('bundle.open', { path: file })).rejects.toThrow(why);
  expect(await tree(temp)).toEqual(before);
  // The backend still works after refusing it.
  await expect(api.call('host.info', {})).resolves.toMatchObject({ host: 'browser' });
}

describe('hostile bundles are refused at open with a clear message', () => {
  it('an entry climbing out with ..', () =>
    expectRefused('dotdot.gopsy', craftBundle([...good, { name: '../../evil.txt', data: txt('x') }]), /Cannot open dotdot\.gopsy: .*invalid relative path: \.\.\/\.\.\/evil\.txt/));

  it('an absolute entry name', () =>
    expectRefused('abs.gopsy', craftBundle([...good, { name: '/tmp/evil.txt', data: txt('x') }]), /absolute path: \/tmp\/evil\.txt/));

  it('a Windows path with backslashes and a drive letter', async () => {
    await expectRefused('win.gopsy', craftBundle([{ name: '..\\..\\evil.txt', data: txt('x') }]), /invalid characters in fileName/);
    await expectRefused('drive.gopsy', craftBundle([{ name: 'C:/evil.txt', data: txt('x') }]), /absolute path: C:\/evil\.txt/);
  });

  it('a NUL byte in a name', () =>
    expectRefused('nul.gopsy', craftBundle([{ name: 'sources/a\0.go', data: txt('x') }]), /unsafe: the name contains a NUL byte/));

  it('a symbolic link entry', () =>
    expectRefused(
      'link.gopsy',
      craftZip([...good, { name: 'sources/passwd', data: txt('/etc/passwd'), mode: 0o120777 }, { name: 'manifest.json', data: manifestFor(good) }]),
      /"sources\/passwd" is a symbolic link/,
    ));

  it('duplicate names', () =>
    expectRefused('dup.gopsy', craftZip([...good, ...good, { name: 'manifest.json', data: manifestFor(good) }]), /"sources\/main\.go" appears more than once/));

  it('a size in the zip that differs from the manifest', () =>
    expectRefused(
      'size.gopsy',
      craftZip([...good, { name: 'manifest.json', data: manifestFor([{ name: 'sources/main.go', data: txt('short') }]) }]),
      /"sources\/main\.go" is 29 bytes in the zip but 5 in manifest\.json/,
    ));

  it('a zip bomb: 1 GB of zeros declared', () =>
    expectRefused(
      'bomb1g.gopsy',
      craftZip([{ name: 'runs/r/zeros', data: Buffer.alloc(1024), declaredSize: 2 ** 30 }, { name: 'manifest.json', data: txt('{}') }]),
      /"runs\/r\/zeros" expands \d+:1, beyond the 400:1 gopsy accepts \(a zip bomb\?\)/,
    ));

  it('a zip bomb: 64 MB of zeros really deflated', () =>
    expectRefused('bomb64m.gopsy', craftBundle([{ name: 'runs/r/zeros', data: Buffer.alloc(64 * 2 ** 20) }]), /expands \d+:1/));

  it('an entry over the per-entry cap', async () => {
    const file = path.join(temp, 'huge.gopsy');
    await writeFile(file, craftBundle([{ name: 'runs/r/big', data: Buffer.from(sha256(txt('a')).repeat(100)) }]));
    await expect(BundleReader.open(file, { ...DEFAULT_LIMITS, maxEntryBytes: 1000 })).rejects.toThrow(
      /"runs\/r\/big" claims 6400 bytes, more than the 1000 gopsy accepts per entry/,
    );
  });

  it('entries over the total cap', async () => {
    const file = path.join(temp, 'total.gopsy');
    const files = [1, 2, 3].map((i) => ({ name: `runs/r/${i}`, data: Buffer.from(sha256(Buffer.from([i])).repeat(20)) }));
    await writeFile(file, craftBundle(files));
    await expect(BundleReader.open(file, { ...DEFAULT_LIMITS, maxTotalBytes: 2000 })).rejects.toThrow(/add up to more than the 2000 bytes/);
  });

  it('a manifest of the wrong schema', async () => {
    await expectRefused(
      'schema.gopsy',
      craftZip([...good, { name: 'manifest.json', data: manifestFor(good, { entries: [{ path: 'sources/main.go', size: '29' }] }) }]),
      /manifest\.json does not match the bundle format: entries\.0\.size: .*entries\.0\.sha256/,
    );
    await expectRefused('notjson.gopsy', craftZip([{ name: 'manifest.json', data: txt('<html>') }]), /manifest\.json is not valid JSON/);
    await expectRefused('foreign.gopsy', craftZip([{ name: 'manifest.json', data: txt('{"format":"other"}') }]), /does not describe a gopsy bundle/);
  });

  it('a bundle from a future format version', () =>
    expectRefused(
      'future.gopsy',
      craftBundle(good, { formatVersion: 99, writer: { name: 'gopsy', version: '42.0.0' }, newThing: true }),
      /written by gopsy 42\.0\.0 in bundle format version 99; this gopsy reads versions up to 1\. Update gopsy/,
    ));

  it('entries the manifest does not list, or lists but lacks', async () => {
    await expectRefused('unlisted.gopsy', craftZip([...good, { name: 'manifest.json', data: manifestFor([]) }]), /holds "sources\/main\.go", which manifest\.json does not list/);
    await expectRefused('missing.gopsy', craftZip([{ name: 'manifest.json', data: manifestFor(good) }]), /lists "sources\/main\.go", which is not in the zip/);
  });

  it('files that are not bundles', async () => {
    await expectRefused('text.gopsy', txt('hello, not a zip'), /is not a readable zip file/);
    await expectRefused('nomanifest.gopsy', craftZip(good), /has no manifest\.json, so it is not a gopsy bundle/);
    await expect(api.call('bundle.open', { path: path.join(temp, 'nope.gopsy') })).rejects.toThrow(/does not exist/);
    await expect(api.call('bundle.open', { path: 'relative.gopsy' })).rejects.toThrow(/full path/);
  });
});

describe('damage found when reading', () => {
  it('an entry whose sha256 does not match opens, but reading it fails and inspect reports it', async () => {
    const file = path.join(temp, 'sha.gopsy');
    const tampered = txt('package main\n\nfunc main() {  }\n'.slice(0, 29));
    const manifest = manifestFor(good);
    await writeFile(file, craftZip([{ name: 'sources/main.go', data: Buffer.from('package main\n\nfunc evil() {}\n') }, { name: 'manifest.json', data: manifest }]));
    expect(tampered.length).toBe(29);
    const summary = await api.call('bundle.open', { path: file });
    await expect(api.call('bundle.readEntry', { id: summary!.id, path: 'sources/main.go' })).rejects.toThrow(
      /sources\/main\.go is damaged: its sha256 does not match the manifest/,
    );
    const reader = await BundleReader.open(file);
    expect(await reader.verifyAll()).toEqual(['sources/main.go is damaged: its sha256 does not match the manifest.']);
    reader.close();
  });

  it('an entry whose zip header understates its size fails while streaming', async () => {
    const file = path.join(temp, 'lie.gopsy');
    const big = Buffer.from('x'.repeat(100_000));
    const claimed = { name: 'runs/r/log', data: Buffer.from('small') };
    const zip = craftZip([
      { name: 'runs/r/log', data: big, declaredSize: claimed.data.length },
      { name: 'manifest.json', data: manifestFor([claimed]) },
    ]);
    await writeFile(file, zip);
    const reader = await BundleReader.open(file);
    const problems = await reader.verifyAll();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/runs\/r\/log (cannot be read: too many bytes|is larger than the 5 bytes)/);
    reader.close();
    expect(deflateRawSync(big).length).toBeLessThan(big.length);
  });

  it('markup and script inside an entry come back as plain text, unchanged', async () => {
    const evil = '<script>window.pwned = 1</script><img src=x onerror="window.pwned=2"><h1>title</h1>';
    const file = path.join(temp, 'html.gopsy');
    await writeFile(file, craftBundle([{ name: 'runs/r/ssa.html', data: txt(evil) }]));
    const summary = await api.call('bundle.open', { path: file });
    expect(await api.call('bundle.readEntry', { id: summary!.id, path: 'runs/r/ssa.html' })).toEqual({
      path: 'runs/r/ssa.html',
      kind: 'other',
      text: evil,
      size: evil.length,
    });
  });
});
