export * from './observe';
export * from './family';
export * from './drift';
export * from './learn';
export * from './schema';
export * from './fixtures';
export * from './latency';
