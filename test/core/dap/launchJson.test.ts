import { describe, expect, test } from 'vitest';
import { parseJsonc, stripJsonc } from '../../../src/core/jsonc';
import { exportLaunchConfig, importLaunchConfigs, mergeLaunchJson, splitFlags } from '../../../src/core/dap/launchJson';

// What VS Code writes: comments, trailing commas, and a // inside a string that is not a comment.
const LAUNCH_JSON = `{
  // Use IntelliSense to learn about possible attributes.
  "version": "0.2.0",
  "configurations": [
    {
      "name": "Launch Package",
      "type": "go",
      "request": "launch",
      "mode": "auto",
      "program": "\${workspaceFolder}", /* the module root */
      "args": ["-wait", "1s"],
      "env": { "URL": "http://example.com/x" },
      "buildFlags": "-tags=debug -gcflags='all=-N -l'",
    },
    { "name": "Test Map", "type": "go", "request": "launch", "mode": "test", "program": "\${workspaceFolder}/store", "args": ["-test.run", "TestMap", "-test.v"] },
    { "name": "Binary", "type": "go", "request": "launch", "mode": "exec", "program": "\${workspaceFolder}/bin/inventory", "cwd": "\${workspaceFolder}/store" },
    { "name": "Core", "type": "go", "request": "launch", "mode": "core", "program": "\${workspaceFolder}/inventory", "coreFilePath": "\${workspaceFolder}/core.1234" },
    { "name": "Attach", "type": "go", "request": "attach", "mode": "local", "processId": 4242 },
    { "name": "Remote", "type": "go", "request": "attach", "mode": "remote", "host": "10.0.0.2", "port": 2345 },
    { "name": "Current file", "type": "go", "request": "launch", "mode": "debug", "program": "\${fileDirname}" },
    { "name": "Replay", "type": "go", "request": "launch", "mode": "replay", "traceDirPath": "/tmp/t" },
    { "name": "Node", "type": "node", "request": "launch", "program": "x.js" },
  ],
}`;

describe('JSON with comments', () => {
  test('strips comments and trailing commas but not string contents', () => {
    expect(parseJsonc('{"a": "x // y /* z */", // c\n "b": [1, 2,], /* d */}')).toEqual({ ok: true, value: { a: 'x // y /* z */', b: [1, 2] } });
    expect(stripJsonc('{"q": "a \\" // b"}')).toBe('{"q": "a \\" // b"}');
  });
  test('bad input gives a message, not a throw', () => {
    const r = parseJsonc('{"a": ');
    expect(r.ok).toBe(false);
    expect(parseJsonc('/* unterminated').ok).toBe(false);
  });
});

describe('launch.json import', () => {
  const parsed = parseJsonc(LAUNCH_JSON);
  if (!parsed.ok) throw new Error(parsed.error);
  const { configs, skipped } = importLaunchConfigs(parsed.value);

  test('maps debug, test, exec, core, attach and remote', () => {
    expect(configs).toEqual([
      {
        name: 'Launch Package',
        mode: 'debug',
        program: '.',
        args: ['-wait', '1s'],
        env: { URL: 'http://example.com/x' },
        buildFlags: ['-tags=debug', '-gcflags=all=-N -l'],
      },
      { name: 'Test Map', mode: 'test', program: 'store', testFilter: 'TestMap', args: ['-test.v'] },
      { name: 'Binary', mode: 'exec', program: 'bin/inventory', cwd: 'store' },
      { name: 'Core', mode: 'core', program: 'inventory', coreFile: 'core.1234' },
      { name: 'Attach', mode: 'attach', processId: 4242 },
      { name: 'Remote', mode: 'remote', host: '10.0.0.2', port: 2345 },
    ]);
  });

  test('says what it could not map, and ignores other debuggers', () => {
    expect(skipped).toEqual([
      'Current file: the variable in ${fileDirname} (only ${workspaceFolder} is understood)',
      'Replay: mode replay',
    ]);
  });

  test('a file without configurations is explained', () => {
    expect(importLaunchConfigs([1, 2]).skipped[0]).toMatch(/configurations/);
  });

  test('export is the inverse for every mode', () => {
    const back = importLaunchConfigs({ configurations: configs.map(exportLaunchConfig) });
    expect(back.skipped).toEqual([]);
    expect(back.configs).toEqual(configs);
  });

  test('merge replaces same-named Go configurations and keeps the rest', () => {
    const merged = mergeLaunchJson(parsed.value, [{ name: 'Test Map', mode: 'test', program: 'store', testFilter: 'TestAdd' }]);
    const list = merged.configurations as Array<Record<string, unknown>>;
    expect(list.filter((c) => c.name === 'Test Map')).toEqual([
      { name: 'Test Map', type: 'go', request: 'launch', mode: 'test', program: '${workspaceFolder}/store', args: ['-test.run', 'TestAdd'] },
    ]);
    expect(list.some((c) => c.name === 'Node')).toBe(true);
    expect(merged.version).toBe('0.2.0');
  });

  test('splits build flags like a shell', () => {
    expect(splitFlags(`-race -ldflags "-s -w" -gcflags='all=-N -l'`)).toEqual(['-race', '-ldflags', '-s -w', '-gcflags=all=-N -l']);
    expect(splitFlags(['-a'])).toEqual(['-a']);
    expect(splitFlags('  ')).toBeUndefined();
  });
});
