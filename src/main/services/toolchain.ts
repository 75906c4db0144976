// Detects the Go toolchain gopsy drives: its version and `go env`, or a plain account of what is wrong.
import type { ToolchainInfo } from '../../shared/api';
import { GO_INSTALL_HINT, GoNotFoundError, goBinary, goNotFoundText } from './go/run';
import { goVersion } from './go/version';
import { goEnv } from './go/env';

const INSTALL_HINT = `${GO_INSTALL_HINT}, then press Retry.`;

export class ToolchainService {
  private cached: Promise<ToolchainInfo> | null = null;

  info(refresh = false): Promise<ToolchainInfo> {
    if (refresh || !this.cached) this.cached = detectToolchain();
    return this.cached;
  }
}

export async function detectToolchain(): Promise<ToolchainInfo> {
  const go = goBinary();
  try {
    const ver = await goVersion();
    const parsed = ver.parsed;
    if (ver.exitCode !== 0 || !parsed) {
      return {
        ok: false,
        goPath: go,
        problem: `\`${go} version\` failed (exit ${ver.exitCode}): ${(ver.stderr || ver.stdout).trim().slice(0, 500)}. ${INSTALL_HINT}`,
      };
    }
    const envRes = await goEnv([]);
    const env = envRes.env;
    if (envRes.exitCode !== 0 || !env) {
      return {
        ok: false,
        goPath: go,
        version: parsed.version,
        problem: `\`go env -json\` failed: ${envRes.stderr.trim().slice(0, 500)}. Check GOENV and the go env file.`,
      };
    }
    return {
      ok: true,
      goPath: go,
      version: parsed.version,
      goos: parsed.goos,
      goarch: parsed.goarch,
      ...(env.GOROOT ? { goroot: env.GOROOT } : {}),
      env,
    };
  } catch (err) {
    if (err instanceof GoNotFoundError) {
      return { ok: false, goPath: go, problem: `${goNotFoundText(go)} ${INSTALL_HINT}` };
    }
    return { ok: false, goPath: go, problem: `Could not run \`${go}\`: ${(err as Error).message}. ${INSTALL_HINT}` };
  }
}
