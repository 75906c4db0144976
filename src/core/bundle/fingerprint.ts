// The toolchain fingerprint a bundle records: which go, for which target, with which go env settings
// that change what a build produces. Secrets are redacted here, before anything is written.
import type { RedactionRecord, ToolchainFingerprint } from './manifest';
import { redactEnv } from './redact';

/** go env variables that shape a build or where modules come from. */
export const FINGERPRINT_ENV = [
  'GOVERSION', 'GOOS', 'GOARCH', 'GOAMD64', 'GOARM', 'GOARM64', 'GO386', 'GOWASM', 'GORISCV64', 'GOPPC64', 'GOMIPS', 'GOMIPS64',
  'GOEXPERIMENT', 'GOFLAGS', 'GODEBUG', 'GOTOOLCHAIN', 'CGO_ENABLED', 'CC', 'CXX', 'CGO_CFLAGS', 'CGO_LDFLAGS',
  'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB', 'GOINSECURE', 'GOROOT', 'GOFIPS140',
] as const;

export interface ToolchainFacts {
  version?: string;
  goos?: string;
  goarch?: string;
  env?: Readonly<Record<string, string>>;
}

export function toolchainFingerprint(facts: ToolchainFacts): { fingerprint: ToolchainFingerprint; redactions: RedactionRecord[] } {
  const picked: Record<string, string> = {};
  for (const k of FINGERPRINT_ENV) {
    const v = facts.env?.[k];
    if (v !== undefined) picked[k] = v;
  }
  const { env, hits } = redactEnv(picked);
  const fingerprint: ToolchainFingerprint = { env };
  if (facts.version) fingerprint.goVersion = facts.version;
  if (facts.goos ?? env.GOOS) fingerprint.goos = facts.goos ?? env.GOOS;
  if (facts.goarch ?? env.GOARCH) fingerprint.goarch = facts.goarch ?? env.GOARCH;
  if (env.GOAMD64) fingerprint.goamd64 = env.GOAMD64;
  return {
    fingerprint,
    redactions: hits.map((h) => ({ where: 'manifest.json#toolchain.env', name: h.name, count: h.count })),
  };
}
