// Finds the dlv binary gopsy drives and checks that it runs, the way toolchain.ts does for go.
// Order: $GOPSY_DLV, `dlv` on PATH, then $(go env GOPATH)/bin/dlv (where `go install` puts it).
import toolVersions from '../../../shared/toolVersions.json';
import type { ToolBinaryInfo } from '../../../shared/types';
import { detectTool } from '../toolBinary';

/** The Delve release gopsy is tested with (`npm test` builds exactly this one when it is missing). */
export const DLV_VERSION = toolVersions.dlv;
export const DLV_INSTALL_COMMAND = `go install github.com/go-delve/delve/cmd/dlv@v${DLV_VERSION}`;

export type DlvInfo = ToolBinaryInfo;

let lastFound: string | null = null;

/** The dlv to run in a console: GOPSY_DLV, else what detectDlv found last, else `dlv` from PATH. */
export function dlvCommandPath(): string {
  return process.env.GOPSY_DLV || lastFound || 'dlv';
}

/** Locates dlv and runs `dlv version`; never throws. */
export async function detectDlv(): Promise<DlvInfo> {
  const info = await detectTool(
    'dlv',
    process.env.GOPSY_DLV,
    /^Version:\s*(\S+)/m,
    (where) => `Delve (dlv) is not installed or does not run. ${where} Install it with \`${DLV_INSTALL_COMMAND}\` (or set GOPSY_DLV to a dlv binary).`,
  );
  if (info.path) lastFound = info.path;
  return info;
}
