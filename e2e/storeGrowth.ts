// Makes the sample's store package grow for size comparisons: a 2000-entry table its init keeps
// reachable (16,000 bytes of data). Returns the function that removes it again.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function growStore(project: string): () => void {
  const growth = path.join(project, 'store', 'growth.go');
  const table = Array.from({ length: 2000 }, (_, i) => i * 7 + 1).join(', ');
  writeFileSync(growth, `package store\n\nimport "os"\n\nvar growthTable = [...]uint64{${table}}\n\nfunc init() {\n\tif len(os.Args) > 1000 {\n\t\tprintln(growthTable[len(os.Args)])\n\t}\n}\n`);
  return () => rmSync(growth, { force: true });
}
