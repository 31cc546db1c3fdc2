export * from './bootstrap';
export * from './descriptive';
export * from './distributions';
export * from './prng';
export * from './quantiles';
export * from './weights';
