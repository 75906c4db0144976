// Binaries that build runs kept: the executables in a run directory's out/ (a `go build` run of a
// profile with keepBinary, or `go test -c`). Shared by the Binary view and `gopsy binary RUN`.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTEFACTS } from '../../../shared/runFolder';

export interface KeptBinary {
  name: string;
  file: string;
  size: number;
}

/** Executable regular files directly in `dir`, by name. */
export async function executablesIn(dir: string): Promise<KeptBinary[]> {
  const out: KeptBinary[] = [];
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
    const file = path.join(dir, name);
    const st = await stat(file).catch(() => null);
    if (st?.isFile() && (st.mode & 0o111) !== 0) out.push({ name, file, size: st.size });
  }
  return out;
}

/** The binaries a run directory holds under out/. */
export function runBinaries(runDir: string): Promise<KeptBinary[]> {
  return executablesIn(path.join(runDir, ARTEFACTS.output));
}
