export * from './gold-accuracy.ts';
export * from './gold-contracts.ts';
export * from './gold-score.ts';
