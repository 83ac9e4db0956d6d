export * from './annotations.ts';
export * from './assignment.ts';
export * from './drafts.ts';
export * from './items.ts';
export * from './projects.ts';
export * from './users.ts';
