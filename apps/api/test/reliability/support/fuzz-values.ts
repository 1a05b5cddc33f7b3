// The fuzzer's values, one module per kind (JSON writer, scalars, structures, schema values and
// mutations, URLs, bodies, whole requests), gathered so a spec imports them from one place.
export * from './fuzz-json.js';
export * from './fuzz-scalars.js';
export * from './fuzz-structures.js';
export * from './fuzz-schema.js';
export * from './fuzz-urls.js';
export * from './fuzz-bodies.js';
export * from './fuzz-requests.js';
