// `gopsy binary why PATH SYMBOL_OR_PACKAGE [--json]`: the chain of references through which the linker
// kept a symbol or a package, from the -dumpdep graph the binary's run recorded (dumpdep.txt).
import path from 'node:path';
import { reachGraphFor, sourcesOf, whyInBinary } from '../main/services/binary/binaryWhy';
import { parseNm } from '../core/binary/nm';
import { goToolNm } from '../main/services/go/tool';

/** `file` is the binary on disk, `name` its own name (a bundle's copy has a temp name). */
export async function binaryWhyCommand(binary: { file: string; name: string; graphFile?: string }, target: string, json: boolean): Promise<number> {
  try {
    const file = path.resolve(binary.file);
    const graph = await reachGraphFor(path.join(path.dirname(file), binary.name), binary.graphFile);
    const why = whyInBinary(graph, target);
    if (json) {
      process.stdout.write(JSON.stringify({ target: why.target, kind: why.kind, symbol: why.symbol, root: why.root, chain: why.chain, culprits: why.culprits }, null, 1) + '\n');
      return 0;
    }
    const nm = await goToolNm(file, { cwd: path.dirname(file) }).catch(() => ({ symbols: parseNm('') }));
    const names = [...new Set(why.chain.flatMap((s) => [s.from, s.to]))];
    const sources = await sourcesOf(file, names, nm.symbols, process.cwd());
    const at = (name: string) => (sources[name] ? `  (${sources[name].path}:${sources[name].line})` : '');
    const lines = [
      why.kind === 'package' ? `${why.target} is in the binary: the linker kept ${why.symbol} through` : `${why.target} is in the binary, kept through`,
      `  ${why.root}${at(why.root)}  [root]`,
      ...why.chain.map((s) => `  → ${s.to}${at(s.to)}`),
    ];
    if (why.culprits.length > 0) lines.push('', 'Culprits on the chain:', ...why.culprits.map((c) => `  ${c.kind.padEnd(16)} ${c.text}`));
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } catch (err) {
    process.stderr.write(`gopsy binary why: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
