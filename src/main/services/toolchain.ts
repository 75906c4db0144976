// Detects the Go toolchain gopsy drives: its version and `go env`, or a plain account of what is wrong.
import type { ToolchainInfo } from '../../shared/api';
import { parseGoEnv, parseGoVersion } from '../../core/goEnv';
import { GO_INSTALL_HINT, GoNotFoundError, goBinary, goNotFoundText, runGo } from './go/run';

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
    const ver = await runGo(['version'], { timeoutMs: 30_000 });
    const parsed = parseGoVersion(ver.stdout);
    if (ver.exitCode !== 0 || !parsed) {
      return {
        ok: false,
        goPath: go,
        problem: `\`${go} version\` failed (exit ${ver.exitCode}): ${(ver.stderr || ver.stdout).trim().slice(0, 500)}. ${INSTALL_HINT}`,
      };
    }
    const envRes = await runGo(['env', '-json'], { timeoutMs: 30_000 });
    const env = parseGoEnv(envRes.stdout);
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
