// The compiler's optimisation remarks, in one import: read from logopt files (logoptRemarks.ts, with
// its fast path logoptScan.ts) or -m text (text.ts), classified (classify.ts), given their function
// (functions.ts), indexed for the views (remarkIndex.ts); and the -W walk dump (walkDump.ts).
export * from './classify';
export * from './logoptRemarks';
export * from './remarkIndex';
export * from './logoptScan';
export * from './text';
export * from './functions';
export * from './walkDump';

