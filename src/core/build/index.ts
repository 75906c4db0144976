// Parsers of the build artefacts gopsy captures (see docs/build-capture.md).
export * from './actionGraph';
export * from './benchLines';
export * from './buildAnalysis';
export * from './buildJson';
export * from './cacheHash';
export * from './chromeTrace';
export * from './compileCost';
export * from './compileCostLines';
export * from './explainRebuild';
export * from './hashLines';
export * from './compileErrors';
export * from './logoptFile';
export * from './mainPackages';
export * from './testCache';
export * from './timeline';
export * from './xLog';
export * from './consoleText';
