// The GODEBUG feature's pure parts: catalog from toolchain sources, validation, trace parsers.
export * from './catalog';
export * from './catalogSources';
export * from './validate';
export * from './presets';
export * from './projectDefaults';
export * from './classify';
export * from './traceStream';
export * from './gctrace';
export * from './scavtrace';
export * from './schedtrace';
export * from './inittrace';
export * from './http2debug';
export * from './capture';
