// Agreement metrics for annotation data: pure functions over long-format records, no database, no I/O.
export * from './agreement.errors.ts';
export * from './agreement-record.ts';
export * from './annotator-quality.ts';
export * from './average-ranks.ts';
export * from './binomial-test.ts';
export * from './bootstrap-interval.ts';
export * from './cohen-kappa.ts';
export * from './coincidence-matrix.ts';
export * from './compute-agreement.ts';
export * from './fleiss-kappa.ts';
export * from './kendall-tau.ts';
export * from './kendall-w.ts';
export * from './krippendorff-alpha.ts';
export * from './mulberry32.ts';
export * from './pairwise-agreement.ts';
export * from './position-bias.ts';
export * from './ranking-relations.ts';
export type { Category } from './units-table.ts';
