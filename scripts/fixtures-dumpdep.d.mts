// Types of scripts/fixtures-dumpdep.mjs.
export const DUMPDEP_PROGRAMS: string[];
export function captureDumpDepFixtures(opts: { repo: string; go?: string }): void;
