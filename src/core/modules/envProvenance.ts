// Where each `go env` value that decides module resolution comes from. The go command looks in the
// process environment first, then the go env file (`go env GOENV`, written by `go env -w`), then
// $GOROOT/go.env, and otherwise uses a built-in default (cmd/go/internal/cfg).
import type { EnvProvenance } from '../../shared/contract/binaryTypes';

export const MODULE_ENV_KEYS = [
  'GOPROXY',
  'GOSUMDB',
  'GONOSUMDB',
  'GONOPROXY',
  'GOPRIVATE',
  'GOFLAGS',
  'GOMODCACHE',
  'GOTOOLCHAIN',
  'GOWORK',
  'GOINSECURE',
  'GOAUTH',
] as const;

/** Reads a go env file: `KEY=VALUE` lines, `#` comments (cmd/go cfg.readEnvFile). */
export function parseGoEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

export interface ProvenanceInput {
  keys: readonly string[];
  /** `go env -json KEYS...` as the go command resolved them. */
  effective: Record<string, string>;
  /** The environment the go command ran with. */
  environment: Record<string, string | undefined>;
  envFile: Record<string, string>;
  envFilePath?: string;
  rootEnvFile: Record<string, string>;
}

export function envProvenance(input: ProvenanceInput): EnvProvenance[] {
  return input.keys.map((key) => {
    const value = input.effective[key] ?? '';
    // An empty variable in the environment counts as unset for the go command.
    if (input.environment[key]) return { key, value, source: 'environment' as const };
    if (key in input.envFile) {
      return { key, value, source: 'go env file' as const, ...(input.envFilePath ? { detail: input.envFilePath } : {}) };
    }
    if (key in input.rootEnvFile) return { key, value, source: 'GOROOT/go.env' as const };
    const derived: Record<string, string> = {
      GONOPROXY: 'from GOPRIVATE',
      GONOSUMDB: 'from GOPRIVATE',
      GOMODCACHE: 'GOPATH/pkg/mod',
      GOWORK: 'go.work found in a parent folder, if any',
    };
    return { key, value, source: 'default' as const, ...(derived[key] ? { detail: derived[key] } : {}) };
  });
}
