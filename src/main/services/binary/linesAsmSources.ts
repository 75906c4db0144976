// Where the instructions of a file's lines come from: a binary a build run kept (objdump of the
// project's own functions, parsed once per binary), a test binary built for a _test.go file, or the
// compiler's -S listing of the file's package.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DisassembledFunction } from '../../../shared/contract/binaryTypes';
import type { LinesAsmSource } from '../../../shared/contract/linesAsm';
import { GopsyError } from '../../../shared/rpc';
import { parseObjdump, regexpQuote, type FileResolver } from '../../../core/binary/objdump';
import { parseCompileAsm } from '../../../core/binary/compileAsm';
import { goBuild } from '../go/build';
import { goToolObjdump } from '../go/tool';
import { goTestBinary } from '../go/testBinary';
import { BINARIES_DIR } from './binaryService';

export interface Listing {
  functions: DisassembledFunction[];
  origin: LinesAsmSource;
}

/** Binaries whose objdump stays parsed: a selection that moves asks again and again. */
const PARSED_BINARIES = 4;

/**
 * The objdump -s pattern of the project's own code: its packages (external test packages too) and
 * main (a test binary's generated main is `main` as well). Code of the project is inlined only into
 * these, so the rest of the binary (the runtime, std) is never listed.
 */
export function projectSymbols(importPaths: string[]): string {
  return `^(main|${importPaths.map(regexpQuote).join('|')})(_test)?\\.`;
}

export class ListingCache {
  private readonly parsed = new Map<string, Promise<DisassembledFunction[]>>();
  /** Test binaries built for _test.go files, per package folder: rebuilt when a file of it changed. */
  private readonly testBinaries = new Map<string, string>();

  constructor(private readonly storageDir: string) {}

  /** objdump of `binary`'s project functions (cached by the file's identity). */
  async objdump(binary: string, pattern: string, resolve: FileResolver, cwd: string): Promise<DisassembledFunction[]> {
    const st = await stat(binary);
    const key = `${binary}\0${st.mtimeMs}\0${st.size}\0${pattern}`;
    let p = this.parsed.get(key);
    if (!p) {
      p = goToolObjdump(pattern, binary, { cwd }).then((res) => {
        if (res.exitCode !== 0) throw new GopsyError('objdump-failed', `go tool objdump failed: ${res.stderr.trim().slice(0, 500)}`);
        return parseObjdump(res.stdout, resolve);
      });
      this.parsed.set(key, p);
      p.catch(() => this.parsed.delete(key));
      while (this.parsed.size > PARSED_BINARIES) this.parsed.delete(this.parsed.keys().next().value!);
    }
    return p;
  }

  /**
   * `go test -c` of the package in `dir` into gopsy's storage (binaries/<id>/, the analysis binaries'
   * folder), reused while no file of the package is newer than it.
   */
  async testBinary(root: string, dir: string): Promise<{ file: string; commandLine: string }> {
    const pkgArg = dir === '.' ? '.' : `./${dir}`;
    const name = `${path.basename(dir === '.' ? root : dir)}.test`;
    const commandLine = `go test -c -o ${name} ${pkgArg}`;
    const known = this.testBinaries.get(`${root}\0${dir}`);
    if (known && (await newestSource(path.join(root, dir))) < ((await stat(known).catch(() => null))?.mtimeMs ?? 0)) {
      return { file: known, commandLine };
    }
    const id = `b-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const out = path.join(this.storageDir, BINARIES_DIR, id, name);
    await mkdir(path.dirname(out), { recursive: true });
    const res = await goTestBinary(out, pkgArg, { cwd: root });
    if (res.exitCode !== 0) throw new GopsyError('build-failed', `${commandLine} failed:\n${(res.stderr + res.stdout).trim().slice(0, 2000)}`);
    this.testBinaries.set(`${root}\0${dir}`, out);
    return { file: out, commandLine };
  }
}

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith('.go')) continue;
    newest = Math.max(newest, (await stat(path.join(dir, name)).catch(() => null))?.mtimeMs ?? 0);
  }
  return newest;
}

/** The compiler's -S listing of one package (`go build -gcflags=IMPORTPATH=-S -o /dev/null ./dir`). */
export async function compileListing(root: string, dir: string, importPath: string): Promise<Listing> {
  const pkgArg = dir === '.' ? '.' : `./${dir}`;
  const flag = `-gcflags=${importPath}=-S`;
  const commandLine = `go build ${flag} -o /dev/null ${pkgArg}`;
  // -S prints on stderr; a big package's listing runs to tens of MB.
  const res = await goBuild([flag, '-o', os.devNull, pkgArg], { cwd: root, maxBytes: 512 << 20 });
  if (res.exitCode !== 0) throw new GopsyError('build-failed', `${commandLine} failed:\n${(res.stderr + res.stdout).trim().slice(-2000)}`);
  return { functions: parseCompileAsm(res.stderr + res.stdout), origin: { kind: 'compile', commandLine } };
}
