// Types of the helpers scripts/fixtures-binary.mjs shares with the integration tests.
export function storedZip(files: Array<[string, string]>): Buffer;
export function writeLibToProxy(proxy: string, answer: number): void;
export function writeBinaryFixtures(opts: { repo: string; write: (name: string, text: string) => void }): void;
