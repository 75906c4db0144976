// Types of what scripts/fixtures-dumpdep.mjs shares with the integration tests.
export const DUMPDEP_PROGRAMS: Record<'reflectmethod' | 'initkept', Record<string, string>>;
export function captureDumpDepFixtures(opts: { repo: string; go?: string }): void;
