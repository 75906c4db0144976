// The bundle manifest (manifest.json at the zip's root): schema, version rules and validation.
// docs/bundle-format.md documents it; docs/bundle-manifest.schema.json is the same schema as JSON Schema.
import { z } from 'zod';
import { entryNameProblem } from './entryName';

export const BUNDLE_FORMAT = 'gopsy-bundle';
/**
 * Bumped only for changes an older reader would misread. Additions (new optional fields, new entry
 * kinds) keep the number: readers ignore fields they do not know and show unknown kinds as "other".
 */
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits');

export const ManifestEntry = z.object({
  path: z.string().superRefine((p, ctx) => {
    const problem = entryNameProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  size: z.number().int().min(0),
  sha256: Sha256,
  kind: z.string().min(1).max(64),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const ToolchainFingerprint = z.object({
  goVersion: z.string().max(200).optional(),
  goos: z.string().max(64).optional(),
  goarch: z.string().max(64).optional(),
  goamd64: z.string().max(64).optional(),
  /** The go env that shapes a build (GOFLAGS, GOEXPERIMENT, CGO_ENABLED, GOPROXY...), secrets redacted. */
  env: z.record(z.string().max(256), z.string().max(64 * 1024)),
});
export type ToolchainFingerprint = z.infer<typeof ToolchainFingerprint>;

export const RedactionRecord = z.object({
  /** An entry path, or "manifest.json#toolchain.env". */
  where: z.string().max(2048),
  name: z.string().max(256),
  count: z.number().int().min(1),
});
export type RedactionRecord = z.infer<typeof RedactionRecord>;

export const BundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().min(1),
  writer: z.object({ name: z.string().max(64), version: z.string().max(64) }),
  createdAt: z.iso.datetime({ offset: true }),
  project: z.object({
    name: z.string().max(512),
    modulePath: z.string().max(1024).optional(),
    goVersion: z.string().max(64).optional(),
  }),
  toolchain: ToolchainFingerprint.nullable(),
  redactions: z.array(RedactionRecord).max(100_000),
  entries: z.array(ManifestEntry).max(1_000_000),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

export type ManifestCheck = { ok: true; manifest: BundleManifest } | { ok: false; problem: string };

const Header = z.object({ format: z.unknown(), formatVersion: z.unknown(), writer: z.unknown() }).partial();

/**
 * Validates a parsed manifest.json. The format and its version are checked before the schema, so a
 * bundle from a newer gopsy gets "update gopsy" rather than a list of schema errors.
 */
export function checkManifest(json: unknown, readerVersion = BUNDLE_FORMAT_VERSION): ManifestCheck {
  const head = Header.safeParse(json);
  if (!head.success || typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: 'manifest.json is not a JSON object.' };
  }
  if (head.data.format !== BUNDLE_FORMAT) {
    return { ok: false, problem: `manifest.json does not describe a gopsy bundle (format is ${JSON.stringify(head.data.format) ?? 'missing'}, expected "${BUNDLE_FORMAT}").` };
  }
  const v = head.data.formatVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    return { ok: false, problem: `manifest.json has no valid formatVersion (got ${JSON.stringify(v) ?? 'nothing'}).` };
  }
  if (v > readerVersion) {
    const w = head.data.writer as { version?: unknown } | undefined;
    const by = typeof w?.version === 'string' ? ` by gopsy ${w.version.slice(0, 64)}` : '';
    return {
      ok: false,
      problem: `This bundle was written${by} in bundle format version ${v}; this gopsy reads versions up to ${readerVersion}. Update gopsy to open it.`,
    };
  }
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    return { ok: false, problem: `manifest.json does not match the bundle format: ${issues.join('; ')}${more}.` };
  }
  return { ok: true, manifest: parsed.data };
}
