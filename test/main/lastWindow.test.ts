// A build belongs to the backend, but none outlives the last window: closing it cancels the running
// build, even while the backend's own services (storage) still listen to the runs.
import { afterAll, expect, test } from 'vitest';
import type { BuildProfile } from '../../src/shared/api';
import { BUILT_IN_PROFILES } from '../../src/main/services/runs/profiles';
import { Backend } from '../../src/main/services/backend';
import { RpcClient } from '../../src/shared/rpc';
import { transportPair } from '../support/memoryTransport';
import { copySample, makeTemp, removeTemp, waitUntil } from '../support/backend';

let temp: string | undefined;
let storage: string | undefined;
let backend: Backend | undefined;

afterAll(async () => {
  await backend?.shutdown();
  await removeTemp(temp);
  await removeTemp(storage);
});

test('closing the last window cancels its running build', async () => {
  let project: string;
  ({ temp, project } = await copySample('last-window'));
  storage = await makeTemp('last-window-storage');
  backend = new Backend({ host: 'browser', storageDir: storage });
  await backend.openFolder(project);
  const [client, server] = transportPair();
  backend.connect(server);
  const api = new RpcClient(client);
  let output = '';
  api.on('build.output', ({ data }) => (output += data));
  const profile: BuildProfile = { ...structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Build timing')!), rebuildAll: true };
  const summary = await api.call('build.start', { profile });
  await waitUntil(() => output.includes('compile'), 'the first compile');
  client.close();
  const ended = await waitUntil(async () => {
    const runs = await backend!.runs.list(project);
    const run = runs.find((r) => r.id === summary.id);
    return run && run.status !== 'running' ? run : null;
  }, 'the build to end');
  expect(ended.status).toBe('cancelled');
});
