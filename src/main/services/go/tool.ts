// `go tool nm` and `go tool objdump` on a built binary. Their output can be hundreds of MB for a big
// binary, hence the larger output limits.
import type { NmSymbol } from '../../../shared/contract/binaryTypes';
import { parseNm } from '../../../core/binary/nm';
import { runGo, type GoCallOptions, type GoCommandResult } from './run';

export const GO_TOOL_TIMEOUT_MS = 120_000;

const NM_MAX_BYTES = 512 << 20;
const OBJDUMP_MAX_BYTES = 256 << 20;

/** `go tool nm -size -sort size <binary>`: its symbols, biggest first. */
export async function goToolNm(
  binary: string,
  opts: GoCallOptions = {},
): Promise<GoCommandResult & { symbols: NmSymbol[] }> {
  const res = await runGo(['tool', 'nm', '-size', '-sort', 'size', binary], {
    ...opts,
    timeoutMs: GO_TOOL_TIMEOUT_MS,
    maxBytes: NM_MAX_BYTES,
  });
  return { ...res, symbols: parseNm(res.stdout) };
}

/**
 * `go tool objdump -s <pattern> <binary>`: the raw listing; the caller reads it with parseObjdump and
 * its own resolver of file names.
 */
export function goToolObjdump(
  symbolPattern: string,
  binary: string,
  opts: GoCallOptions = {},
): Promise<GoCommandResult> {
  return runGo(['tool', 'objdump', '-s', symbolPattern, binary], {
    ...opts,
    timeoutMs: GO_TOOL_TIMEOUT_MS,
    maxBytes: OBJDUMP_MAX_BYTES,
  });
}

/** `go tool addr2line <binary>` for these addresses: `function\nfile:line` for each, in order. */
export function goToolAddr2line(binary: string, addresses: number[], opts: GoCallOptions = {}): Promise<GoCommandResult> {
  return runGo(['tool', 'addr2line', binary], {
    ...opts,
    timeoutMs: GO_TOOL_TIMEOUT_MS,
    input: addresses.map((a) => `0x${a.toString(16)}\n`).join(''),
  });
}
