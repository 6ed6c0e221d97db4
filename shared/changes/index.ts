/** The Changes view's logic: pure functions, no I/O. See docs/changes.md. */
export * from './types';
export { diffEvent, compareValues, pairFields, jsonType, isLongText, type EventData } from './diff';
export { diffText, textSides, commonPrefixLength, commonSuffixLength, type TextDiffLimits, type CharBudget } from './text';
export { formatPath, pathId, caselessPathId, findNode, flattenTree, walkNodes, changedLeaves, type FlatRow, type FlattenOptions } from './tree';
export * from './versions';
export * from './timeline';
