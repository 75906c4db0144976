// Fixtures for the link-stage and module parsers (src/core/binary, src/core/modules), captured from the
// real toolchain: go version -m, go tool nm and objdump of the inventory sample, the linkfail sample's
// link errors, and a local module proxy whose module is tampered with after go.sum recorded it.
// Called by regenerate-fixtures.mjs; paths are rewritten to @ROOT@ (sample), @GOROOT@ and @TMP@.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';

/** A zip with stored (uncompressed) entries: all a module zip needs, and no zip tool required. */
export function storedZip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text);
    const nameBuf = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** Writes example.com/lib@v1.0.0 into a GOPROXY=file:// directory, returning Answer() = answer. */
export function writeLibToProxy(proxy, answer) {
  const dir = path.join(proxy, 'example.com/lib/@v');
  mkdirSync(dir, { recursive: true });
  const goMod = 'module example.com/lib\n\ngo 1.22\n';
  const src = `package lib\n\n// Answer is the answer.\nfunc Answer() int { return ${answer} }\n`;
  writeFileSync(path.join(dir, 'list'), 'v1.0.0\n');
  writeFileSync(path.join(dir, 'v1.0.0.info'), '{"Version":"v1.0.0"}\n');
  writeFileSync(path.join(dir, 'v1.0.0.mod'), goMod);
  const prefix = 'example.com/lib@v1.0.0/';
  writeFileSync(path.join(dir, 'v1.0.0.zip'), storedZip([[prefix + 'go.mod', goMod], [prefix + 'lib.go', src]]));
}

/**
 * The bytes of an ELF file that say where everything is: the ELF header, the section header table and
 * the section names, each with its offset (base64), and the file's size. A few KiB that let the
 * attribution of every byte be tested without committing the binary.
 */
export function elfHeaders(file) {
  const elf = readFileSync(file);
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const names = shoff + elf.readUInt16LE(0x3e) * shentsize;
  const chunk = (offset, length) => ({ offset, base64: elf.subarray(offset, offset + length).toString('base64') });
  const chunks = [chunk(0, 64), chunk(shoff, shnum * shentsize), chunk(Number(elf.readBigUInt64LE(names + 24)), Number(elf.readBigUInt64LE(names + 32)))];
  return JSON.stringify({ fileSize: elf.length, chunks }, null, 1) + '\n';
}

function makeWritable(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    chmodSync(p, 0o755);
    if (statSync(p).isDirectory()) makeWritable(p);
  }
}

export function writeBinaryFixtures({ repo, write }) {
  const sample = path.join(repo, 'resources/samples/inventory');
  const linkfail = path.join(repo, 'resources/samples/linkfail');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-fixtures-'));
  const goroot = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim();
  const clean = (s) => s.split(sample).join('@ROOT@').split(linkfail).join('@ROOT@').split(tmp).join('@TMP@').split(goroot).join('@GOROOT@');
  const run = (args, cwd, env = {}) =>
    spawnSync('go', args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, GOFLAGS: '', ...env } });
  try {
    const bin = path.join(tmp, 'inventory');
    const build = run(['build', '-ldflags=-v', '-o', bin, '.'], sample);
    if (build.status !== 0) throw new Error(`go build failed: ${build.stderr}`);
    write('link-v-inventory.txt', clean(build.stderr));
    write('version-m-inventory.txt', clean(run(['version', '-m', bin], sample).stdout));

    // nm prints ~3000 lines; keep the biggest 300 and every symbol of the sample's own packages or
    // of the name shapes the grouping must handle (type:, go:, generics, closures, methods).
    const nm = run(['tool', 'nm', '-size', '-sort', 'size', bin], sample).stdout.split('\n');
    const shapes = /example\.com|main\.|type:|go:|\[|\.func\d|\)\.|runtime\.gcbits| _ /;
    write('nm-inventory.txt', nm.filter((l, i) => l && (i < 300 || shapes.test(l))).join('\n') + '\n');

    write('elf-headers-inventory.json', elfHeaders(bin));

    const dis = run(['tool', 'objdump', '-s', '^example.com/inventory/store.\\(\\*Store\\).Items', bin], sample);
    write('objdump-items.txt', clean(dis.stdout));

    const undef = run(['build', '-tags', 'gopsy_linkfail', '-o', path.join(tmp, 'lf'), '.'], linkfail);
    if (undef.status === 0) throw new Error('the gopsy_linkfail build unexpectedly linked');
    write('link-undefined.txt', clean(undef.stderr));
    const dup = run(['build', '-tags', 'gopsy_linkdup', '-o', path.join(tmp, 'lf'), '.'], linkfail);
    if (dup.status === 0) throw new Error('the gopsy_linkdup build unexpectedly linked');
    write('link-duplicate.txt', clean(dup.stderr));

    write('go-list-deps-inventory.json', clean(run(['list', '-deps', '-json=ImportPath,Name,Imports,Module,Standard,DepOnly', '.'], sample).stdout));

    // Dynamic dependencies (Linux, glibc): the cgodeps sample against a libgopsydemo.so built here; ldd
    // and LD_DEBUG=libs without and with LD_LIBRARY_PATH. Paths become /home/user/cgodeps.
    if (process.platform === 'linux') {
      const cgo = path.join(tmp, 'cgodeps');
      cpSync(path.join(repo, 'resources/samples/cgodeps'), cgo, { recursive: true });
      mkdirSync(path.join(cgo, 'lib'));
      const gcc = spawnSync('gcc', ['-shared', '-fPIC', '-o', path.join(cgo, 'lib/libgopsydemo.so'), path.join(cgo, 'clib/gopsydemo.c')], { encoding: 'utf8' });
      if (gcc.status !== 0) throw new Error(`gcc failed: ${gcc.stderr}`);
      const cgoBin = path.join(cgo, 'cgodeps');
      const cgoBuild = run(['build', '-o', cgoBin, '.'], cgo);
      if (cgoBuild.status !== 0) throw new Error(`the cgodeps build failed: ${cgoBuild.stderr}`);
      const home = (t) => t.split(cgo).join('/home/user/cgodeps');
      const ldd = (file) => spawnSync('ldd', [file], { encoding: 'utf8' });
      const dynamic = ldd(cgoBin);
      write('ldd-cgo-notfound.txt', home(dynamic.stdout + dynamic.stderr));
      const stat = ldd(bin);
      write('ldd-static.txt', stat.stdout + stat.stderr);
      const traced = (extra) => spawnSync(cgoBin, [], { cwd: cgo, encoding: 'utf8', env: { ...process.env, LD_DEBUG: 'libs', ...extra } });
      write('ld-debug-notfound.txt', home(traced({}).stderr));
      write('ld-debug-found.txt', home(traced({ LD_LIBRARY_PATH: path.join(cgo, 'lib') }).stderr));
    }

    // Modules: a local proxy, an app that requires example.com/lib, and no network.
    const proxy = path.join(tmp, 'proxy');
    const app = path.join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'go.mod'), 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.0.0\n');
    writeFileSync(path.join(app, 'main.go'), 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Answer()) }\n');
    writeLibToProxy(proxy, 42);
    const modEnv = (cache) => ({ GOPROXY: `file://${proxy}`, GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOMODCACHE: path.join(tmp, cache) });
    const missing = run(['build', '-o', path.join(tmp, 'app.bin'), '.'], app, { ...modEnv('cache1'), GOFLAGS: '' });
    write('mod-missing-sum.txt', clean(missing.stderr));
    run(['build', '-o', path.join(tmp, 'app.bin'), '.'], app, modEnv('cache1'));
    write('version-m-app.txt', clean(run(['version', '-m', path.join(tmp, 'app.bin')], app).stdout));
    write('mod-graph.txt', run(['mod', 'graph'], app, modEnv('cache1')).stdout);
    write('mod-verify-ok.txt', run(['mod', 'verify'], app, modEnv('cache1')).stdout);
    makeWritable(path.join(tmp, 'cache1'));
    writeFileSync(path.join(tmp, 'cache1/example.com/lib@v1.0.0/lib.go'), 'package lib\n\nfunc Answer() int { return 0 }\n');
    const modified = run(['mod', 'verify'], app, modEnv('cache1'));
    write('mod-verify-modified.txt', clean(modified.stdout + modified.stderr));
    writeLibToProxy(proxy, 43);
    const mismatch = run(['build', '-o', path.join(tmp, 'app.bin'), '.'], app, modEnv('cache2'));
    write('mod-checksum-mismatch.txt', clean(mismatch.stderr));

    // go env provenance: a go env file that sets GOPRIVATE, and GONOSUMDB set in the environment.
    const envFile = path.join(tmp, 'goenv');
    writeFileSync(envFile, '# written by the fixture script\nGOPRIVATE=example.com/private\nGOFLAGS=-mod=mod\n');
    write('goenv-file.txt', '# written by the fixture script\nGOPRIVATE=example.com/private\nGOFLAGS=-mod=mod\n');
    const keys = ['GOPROXY', 'GOSUMDB', 'GONOSUMDB', 'GONOPROXY', 'GOPRIVATE', 'GOFLAGS', 'GOTOOLCHAIN'];
    const { GOFLAGS: _unset, ...inherited } = process.env;
    const provenance = spawnSync('go', ['env', '-json', ...keys], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...inherited, GOENV: envFile, GONOSUMDB: 'example.com/env' },
    });
    write('go-env-provenance.json', clean(provenance.stdout));
    // The module cache is read-only by design; make it removable.
    for (const cache of ['cache1', 'cache2']) if (existsSync(path.join(tmp, cache))) makeWritable(path.join(tmp, cache));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
