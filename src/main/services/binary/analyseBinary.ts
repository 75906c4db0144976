// Runs the toolchain's own tools on one binary: `go version -m` and `go tool nm -size -sort size`,
// and `go tool objdump -s` for one function on demand.
import type { BuildInfo, DisassembledFunction, NmSymbol } from '../../../shared/contract/binaryTypes';
import { GopsyError } from '../../../shared/rpc';
import { parseBuildInfo } from '../../../core/binary/buildInfo';
import { parseNm } from '../../../core/binary/nm';
import { exactSymbolPattern, parseObjdump, type FileResolver } from '../../../core/binary/objdump';
import { runGo } from '../goCommand';

export interface BinaryFacts {
  buildInfo: BuildInfo | null;
  buildInfoProblem?: string;
  symbols: NmSymbol[];
}

export async function readBinaryFacts(binary: string, cwd: string): Promise<BinaryFacts> {
  const [ver, nm] = await Promise.all([
    runGo(['version', '-m', binary], { cwd, timeoutMs: 60_000 }),
    runGo(['tool', 'nm', '-size', '-sort', 'size', binary], { cwd, timeoutMs: 120_000, maxBytes: 512 << 20 }),
  ]);
  if (nm.exitCode !== 0) {
    throw new GopsyError('not-a-binary', `go tool nm could not read ${binary}: ${nm.stderr.trim().slice(0, 500)}`);
  }
  const buildInfo = ver.exitCode === 0 ? parseBuildInfo(ver.stdout) : null;
  const facts: BinaryFacts = { buildInfo, symbols: parseNm(nm.stdout) };
  if (!buildInfo) facts.buildInfoProblem = (ver.stderr || ver.stdout).trim().slice(0, 500) || 'no Go build info in this file';
  return facts;
}

export async function disassemble(binary: string, symbol: string, cwd: string, resolve: FileResolver): Promise<DisassembledFunction | null> {
  const res = await runGo(['tool', 'objdump', '-s', exactSymbolPattern(symbol), binary], { cwd, timeoutMs: 120_000, maxBytes: 256 << 20 });
  if (res.exitCode !== 0) throw new GopsyError('objdump-failed', `go tool objdump failed: ${res.stderr.trim().slice(0, 500)}`);
  return parseObjdump(res.stdout, resolve).find((f) => f.name === symbol) ?? null;
}
