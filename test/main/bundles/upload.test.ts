// A bundle dropped onto the browser window, at the contract: bytes in chunks into gopsy's storage
// (received/), checked on the way (name, size, order, overrun), opened like bundle.open, and nothing
// left behind by a failed or abandoned upload.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../src/main/services/backend';
import { RpcClient } from '../../../src/shared/rpc';
import { writeBundle } from '../../../src/main/services/bundles/bundleWriter';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_CHUNK } from '../../../src/main/services/bundles/uploads';
import { craftBundle } from '../../support/zipCraft';
import { transportPair as memoryPair } from '../../support/memoryTransport';
import { SAMPLE_DIR, makeTemp, removeTemp, waitUntil } from '../../support/backend';

let temp: string;
let backend: Backend;
let bundle: Buffer;
const received = () => readdir(path.join(temp, 'storage/received')).catch(() => [] as string[]);

function connect(): { api: RpcClient; close: () => void } {
  const [client, server] = memoryPair();
  backend.connect(server);
  return { api: new RpcClient(client), close: () => client.close() };
}

async function send(api: RpcClient, name: string, bytes: Buffer, chunk = MAX_UPLOAD_CHUNK) {
  const { uploadId } = await api.call('bundle.uploadBegin', { name, size: bytes.length });
  for (let off = 0; off < bytes.length; off += chunk) {
    await api.call('bundle.uploadChunk', { uploadId, offset: off, data: bytes.subarray(off, off + chunk).toString('base64') });
  }
  return api.call('bundle.uploadFinish', { uploadId });
}

beforeAll(async () => {
  temp = await makeTemp('upload');
  backend = new Backend({ host: 'browser', storageDir: path.join(temp, 'storage') });
  // A real bundle larger than one chunk: the sample's sources plus 2.5 MiB of incompressible bytes.
  const noise = randomBytes(2.5 * MAX_UPLOAD_CHUNK);
  const file = path.join(temp, 'finding.gopsy');
  await writeBundle(
    file,
    [
      { path: 'sources/main.go', kind: 'source', from: { file: path.join(SAMPLE_DIR, 'main.go') }, redact: false },
      { path: 'runs/r1/trace.bin', kind: 'run-artefact', from: { bytes: noise }, redact: false },
    ],
    { project: { name: 'inventory' }, toolchain: null, redactions: [] },
  );
  bundle = await readFile(file);
  expect(bundle.length).toBeGreaterThan(2 * MAX_UPLOAD_CHUNK);
});
afterAll(async () => {
  await backend.shutdown();
  await removeTemp(temp);
});

describe('dropping a bundle onto the browser window', () => {
  it('arrives in chunks into storage and opens read-only', async () => {
    const { api, close } = connect();
    let opened = 0;
    api.on('bundle.opened', () => opened++);
    const summary = await send(api, 'finding.gopsy', bundle);
    expect(summary.project.name).toBe('inventory');
    expect(summary.file.startsWith(path.join(temp, 'storage/received') + path.sep)).toBe(true);
    expect((await readFile(summary.file)).equals(bundle)).toBe(true);
    expect((await api.call('bundle.readEntry', { id: summary.id, path: 'sources/main.go' })).text).toMatch(/^package main/m);
    await waitUntil(() => opened === 1, 'the bundle.opened event');
    close();
  });

  it('refuses other files, oversize claims, chunks out of order and overruns, leaving nothing behind', async () => {
    const { api, close } = connect();
    const before = await received();
    await expect(api.call('bundle.uploadBegin', { name: 'notes.txt', size: 10 })).rejects.toThrow(/notes\.txt is not a \.gopsy session bundle/);
    await expect(api.call('bundle.uploadBegin', { name: 'huge.gopsy', size: MAX_UPLOAD_BYTES + 1 })).rejects.toThrow(/more than the \d+ a dropped bundle may have/);

    const a = await api.call('bundle.uploadBegin', { name: 'x.gopsy', size: 100 });
    await expect(api.call('bundle.uploadChunk', { uploadId: a.uploadId, offset: 50, data: Buffer.alloc(10).toString('base64') })).rejects.toThrow(/Chunk at 50 arrived, 0 was expected/);
    await expect(api.call('bundle.uploadChunk', { uploadId: a.uploadId, offset: 0, data: 'AAAA' })).rejects.toThrow(/not in progress/);

    const b = await api.call('bundle.uploadBegin', { name: 'y.gopsy', size: 4 });
    await expect(api.call('bundle.uploadChunk', { uploadId: b.uploadId, offset: 0, data: Buffer.alloc(8).toString('base64') })).rejects.toThrow(/sent more than the 4 bytes/);

    const c = await api.call('bundle.uploadBegin', { name: 'z.gopsy', size: 8 });
    await api.call('bundle.uploadChunk', { uploadId: c.uploadId, offset: 0, data: Buffer.alloc(4).toString('base64') });
    await expect(api.call('bundle.uploadFinish', { uploadId: c.uploadId })).rejects.toThrow(/arrived incomplete \(4 of 8 bytes\)/);

    // Not a zip: stored, then refused by the reader with its own message; the app goes on.
    await expect(send(api, 'fake.gopsy', Buffer.from('not a zip at all'))).rejects.toThrow(/Cannot open .*fake\.gopsy: it is not a readable zip file/);
    expect((await received()).filter((n) => n.startsWith('.'))).toEqual([]);
    expect((await received()).length).toBe(before.length + 1);
    close();
  });

  it('a window that goes away mid-upload leaves no partial file', async () => {
    const { api, close } = connect();
    const { uploadId } = await api.call('bundle.uploadBegin', { name: 'half.gopsy', size: bundle.length });
    await api.call('bundle.uploadChunk', { uploadId, offset: 0, data: bundle.subarray(0, 1000).toString('base64') });
    expect((await received()).some((n) => n.endsWith('.partial'))).toBe(true);
    close();
    await waitUntil(async () => !(await received()).some((n) => n.endsWith('.partial')), 'the partial upload to be removed');
  });

  it('hostile content dropped is refused like an opened one', async () => {
    const { api, close } = connect();
    await expect(send(api, 'evil.gopsy', craftBundle([{ name: '../../escape.txt', data: Buffer.from('x') }]))).rejects.toThrow(/evil\.gopsy: .*escape\.txt/);
    close();
  });
});
