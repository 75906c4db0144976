// Finds the dlv binary gopsy drives and checks that it runs, the way toolchain.ts does for go.
// Order: $GOPSY_DLV, `dlv` on PATH, then $(go env GOPATH)/bin/dlv (where `go install` puts it).
import toolVersions from '../../../shared/toolVersions.json';
import { toolCandidates, toolVersion } from '../toolBinary';

/** The Delve release gopsy is tested with (`npm test` builds exactly this one when it is missing). */
export const DLV_VERSION = toolVersions.dlv;
export const DLV_INSTALL_COMMAND = `go install github.com/go-delve/delve/cmd/dlv@v${DLV_VERSION}`;

export interface DlvInfo {
  ok: boolean;
  path?: string;
  version?: string;
  /** What is wrong and what to do, when ok is false. */
  problem?: string;
}

const candidates = () => toolCandidates('dlv', process.env.GOPSY_DLV);
const dlvVersion = (file: string) => toolVersion(file, ['version'], /^Version:\s*(\S+)/m);

let lastFound: string | null = null;

/** The dlv to run in a console: GOPSY_DLV, else what detectDlv found last, else `dlv` from PATH. */
export function dlvCommandPath(): string {
  return process.env.GOPSY_DLV || lastFound || 'dlv';
}

/** Locates dlv and runs `dlv version`; never throws. */
export async function detectDlv(): Promise<DlvInfo> {
  const tried: string[] = [];
  for (const file of await candidates()) {
    const v = await dlvVersion(file);
    if (v.ok) {
      lastFound = file;
      return { ok: true, path: file, version: v.version };
    }
    tried.push(`${file} (${v.message})`);
  }
  const where = tried.length ? `Tried ${tried.join('; ')}.` : 'dlv is not on PATH nor in $(go env GOPATH)/bin.';
  return {
    ok: false,
    problem: `Delve (dlv) is not installed or does not run. ${where} Install it with \`${DLV_INSTALL_COMMAND}\` (or set GOPSY_DLV to a dlv binary).`,
  };
}
