// Types of scripts/test-tools.cjs, which the test configs share with the test command.
export const ROOT: string;
export const TOOLS_BIN: string;
export const DLV_VERSION: string;
export const GOPLS_VERSION: string;
export const CHROMIUM_PATHS: string[];
export function isExecutable(file: string): boolean;
export function dlvVersionOf(file: string): string | null;
export function goplsVersionOf(file: string): string | null;
export function projectDlv(): string | null;
export function projectGopls(): string | null;
export function findChromium(): string | null;
