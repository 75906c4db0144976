// The go command built from a profile: argv items, gcflags merging, the reproducible shell line.
import { describe, expect, test } from 'vitest';
import { BuildProfile } from '../../../src/shared/build';
import { buildCommand, gcflagArgs, relocatedCommand, shellQuote, splitPatternFlags, supportsBuildJson } from '../../../src/main/services/runs/command';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';

const base = BUILT_IN_PROFILES.find((p) => p.name === 'Optimisation details')!;

describe('buildCommand', () => {
  test('a relocated command differs from the original only in the run directory', () => {
    for (const p of BUILT_IN_PROFILES) {
      for (const opts of [{ goBinary: 'go', supportsJson: true }, { goBinary: '/opt/go 1/bin/go', supportsJson: false }]) {
        const profile = { ...p, gcflags: './store=-m', keepBinary: true };
        const command = buildCommand(profile, '/p', { ...opts, runDir: '/tmp/.gopsy-capture-x/r1' });
        expect(relocatedCommand({ profile, command }, '/tmp/.gopsy-capture-x/r1'), p.name).toEqual(command);
        const moved = relocatedCommand({ profile, command }, '/out/run');
        expect(moved.shellLine.replaceAll('/out/run', '/tmp/.gopsy-capture-x/r1'), p.name).toBe(command.shellLine);
      }
    }
  });

  test('artefact flags go into one all= -gcflags; the user value repeats them (last match wins)', () => {
    expect(gcflagArgs({ ...base, gcflags: './store=-m=2' }, '/r')).toEqual([
      '-gcflags=all=-bench=/r/bench.txt -json=0,file:///r/logopt',
      '-gcflags=./store=-bench=/r/bench.txt -json=0,file:///r/logopt -m=2',
    ]);
    expect(gcflagArgs({ ...base, gcflags: '-N -l' }, '/r')[1]).toBe('-gcflags=-bench=/r/bench.txt -json=0,file:///r/logopt -N -l');
    expect(gcflagArgs({ ...base, capture: { ...base.capture, cpuProfilePackage: 'net/http' } }, '/a b')).toContain(
      "-gcflags=net/http=-bench='/a b/bench.txt' -json=0,file://'/a b/logopt' -cpuprofile='/a b/compile.cpuprof'",
    );
    expect(splitPatternFlags('std=-S')).toEqual({ pattern: 'std', flags: '-S' });
  });

  test('argv, env and a shell line that quotes what needs quoting', () => {
    const cmd = buildCommand({ ...base, tags: ['a', 'b'], env: { GOOS: 'windows' }, packages: ['./...'] }, "/p/it's", { goBinary: 'go', runDir: '/r', supportsJson: true });
    expect(cmd.argv.slice(0, 6)).toEqual(['go', 'build', '-o', '/dev/null', '-json', '-x']);
    expect(cmd.argv).toContain('-tags=a,b');
    expect(cmd.argv.at(-1)).toBe('./...');
    expect(cmd.env).toEqual({ GOOS: 'windows', GOCACHE: '/r/cache' });
    expect(cmd.shellLine).toMatch(/^cd '\/p\/it'\\''s' && GOOS=windows GOCACHE=\/r\/cache go build /);
    expect(shellQuote("-gcflags=all=-bench=x y")).toBe("'-gcflags=all=-bench=x y'");
  });

  test('rebuild reasons add gocachehash=1 to the GODEBUG gopsy inherits, once; the preview shows it', () => {
    const diagnose = BUILT_IN_PROFILES.find((p) => p.name === 'Diagnose failure')!;
    expect(diagnose.capture.rebuildReasons).toBe(true);
    const opts = { goBinary: 'go', runDir: '/r', supportsJson: true };
    const cmd = buildCommand(diagnose, '/p', opts);
    expect(cmd.env).toEqual({ GODEBUG: 'gocachehash=1' });
    expect(cmd.shellLine).toMatch(/^cd \/p && GODEBUG=gocachehash=1 go build /);
    expect(buildCommand(diagnose, '/p', { ...opts, godebug: 'http2debug=1, gctrace=1' }).env.GODEBUG).toBe('http2debug=1,gctrace=1,gocachehash=1');
    expect(buildCommand(diagnose, '/p', { ...opts, godebug: 'gocachehash=1' }).env.GODEBUG).toBe('gocachehash=1');
    expect(buildCommand(base, '/p', { ...opts, godebug: 'gctrace=1' }).env.GODEBUG).toBeUndefined();
    // A profile saved before the setting existed reads as off.
    expect(BuildProfile.parse({ ...diagnose, capture: { commands: true, work: false, actionGraph: true, trace: true, phases: false, remarks: false } }).capture.rebuildReasons).toBe(false);
  });

  test('compile cost times the SSA passes of the project packages only, with the artefact flags repeated', () => {
    const timing = BUILT_IN_PROFILES.find((p) => p.name === 'Build timing')!;
    expect(timing.capture.compileCost).toBe(true);
    expect(gcflagArgs(timing, '/r')).toEqual(['-gcflags=all=-bench=/r/bench.txt', '-gcflags=./...=-bench=/r/bench.txt -d=ssa/all/time']);
    // A user value for the project's packages keeps the timing (last match wins); one for std does not get it.
    expect(gcflagArgs({ ...timing, gcflags: '-N' }, '/r').at(-1)).toBe('-gcflags=-bench=/r/bench.txt -d=ssa/all/time -N');
    expect(gcflagArgs({ ...timing, gcflags: 'std=-N' }, '/r').at(-1)).toBe('-gcflags=std=-bench=/r/bench.txt -N');
    expect(gcflagArgs(base, '/r').join(' ')).not.toContain('-d=ssa/all/time');
  });

  test('a build that keeps its binary writes it into the run directory; others to the null device', () => {
    const keep = BUILT_IN_PROFILES.find((p) => p.name === 'Build the binary')!;
    expect(keep).toMatchObject({ target: 'build', keepBinary: true, packages: ['.'] });
    const cmd = buildCommand(keep, '/p', { goBinary: 'go', runDir: '/r', supportsJson: true });
    expect(cmd.argv.slice(0, 4)).toEqual(['go', 'build', '-o', '/r/out/']);
    expect(buildCommand({ ...keep, keepBinary: false }, '/p', { goBinary: 'go', runDir: '/r', supportsJson: true }).argv[3]).toBe('/dev/null');
  });

  test('a kept binary records the linker reachability graph: -dumpdep after the user -ldflags, unless turned off', () => {
    const keep = BUILT_IN_PROFILES.find((p) => p.name === 'Build the binary')!;
    const argv = (p: BuildProfile) => buildCommand(p, '/p', { goBinary: 'go', runDir: '/r', supportsJson: true }).argv.filter((a) => a.startsWith('-ldflags'));
    expect(argv(keep)).toEqual(['-ldflags=-dumpdep']);
    expect(argv({ ...keep, ldflags: '-s -X main.v=1' })).toEqual(['-ldflags=-s -X main.v=1 -dumpdep']);
    expect(argv({ ...keep, capture: { ...keep.capture, reachability: false }, ldflags: '-s' })).toEqual(['-ldflags=-s']);
    expect(argv({ ...keep, keepBinary: false })).toEqual([]);
    expect(argv({ ...keep, target: 'test' })).toEqual([]);
  });

  test('profiles refuse options disguised as packages, control characters and unknown env', () => {
    expect(BuildProfile.safeParse({ ...base, packages: ['-toolexec=evil'] }).success).toBe(false);
    expect(BuildProfile.safeParse({ ...base, gcflags: '-m\n-S' }).success).toBe(false);
    expect(BuildProfile.safeParse({ ...base, env: { LD_PRELOAD: 'x' } }).success).toBe(false);
    expect(BuildProfile.safeParse(base).success).toBe(true);
  });

  test('Run tests runs go test (no -c, no -o) with its test flags and GODEBUG=gocachetest=1 (plus gocachehash=1)', () => {
    const tests = BUILT_IN_PROFILES.find((p) => p.name === 'Run tests')!;
    expect(tests).toMatchObject({ target: 'run-tests', packages: ['./...'] });
    expect(tests.privateCache).toBeFalsy(); // a private cache would never hold an earlier result
    const opts = { goBinary: 'go', runDir: '/r', supportsJson: true };
    const cmd = buildCommand({ ...tests, testFlags: ['-count=1', '-run=TestX'] }, '/p', opts);
    expect(cmd.argv.slice(0, 5)).toEqual(['go', 'test', '-count=1', '-run=TestX', '-json']);
    expect(cmd.argv).not.toContain('-c');
    expect(cmd.argv).not.toContain('-o');
    expect(cmd.env).toEqual({ GODEBUG: 'gocachetest=1,gocachehash=1' });
    expect(buildCommand({ ...tests, capture: { ...tests.capture, rebuildReasons: false } }, '/p', { ...opts, godebug: 'gctrace=1' }).env.GODEBUG).toBe('gctrace=1,gocachetest=1');
    expect(buildCommand({ ...base, target: 'test' }, '/p', opts).argv.slice(0, 5)).toEqual(['go', 'test', '-c', '-o', '/r/out/']);
    // Only test flags the go command knows; never one that runs a program (-exec) or an option as a package.
    expect(BuildProfile.safeParse({ ...tests, testFlags: ['-exec=evil'] }).success).toBe(false);
    expect(BuildProfile.safeParse({ ...tests, testFlags: ['-count=1\n-x'] }).success).toBe(false);
    expect(BuildProfile.safeParse({ ...tests, testFlags: ['-short', '-count=2'] }).success).toBe(true);
  });

  test('-json only from go1.24', () => {
    expect(supportsBuildJson('go1.23.4')).toBe(false);
    expect(supportsBuildJson('go1.24')).toBe(true);
    expect(supportsBuildJson('go1.26.8')).toBe(true);
    expect(supportsBuildJson(undefined)).toBe(true);
  });
});
