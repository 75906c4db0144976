// Finds the gopls binary gopsy starts per project and checks that it runs, the way dlvBinary.ts does for
// Delve. Order: $GOPSY_GOPLS, `gopls` on PATH, then $(go env GOPATH)/bin/gopls (where `go install` puts it).
import toolVersions from '../../../shared/toolVersions.json';
import type { GoplsInfo } from '../../../shared/contract/lsp';
import { detectTool } from '../toolBinary';

/** The gopls release gopsy is tested with (the test command builds exactly this one when it is missing). */
export const GOPLS_VERSION = toolVersions.gopls;
export const GOPLS_INSTALL_COMMAND = `go install golang.org/x/tools/gopls@v${GOPLS_VERSION}`;

/** `gopls version` prints `golang.org/x/tools/gopls v0.23.0` first. */
const VERSION_LINE = /gopls\s+v?(\S+)/;

/** Locates gopls and runs `gopls version`; never throws. */
export function detectGopls(): Promise<GoplsInfo> {
  return detectTool(
    'gopls',
    process.env.GOPSY_GOPLS,
    VERSION_LINE,
    (where) =>
      `gopls (the Go language server) is not installed or does not run, so go to definition, references, hover and symbols are off; the editor still shows files. ${where} Install it with \`${GOPLS_INSTALL_COMMAND}\` (or set GOPSY_GOPLS to a gopls binary).`,
  );
}
