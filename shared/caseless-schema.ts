import { z } from 'zod';
import { canonicalKeys } from './caseless';

// The zod side of caseless.ts, apart so that code reading payloads (the store, `mwi events`,
// the renderer) does not load zod for isObject and findKey.

const keysOf = (shape: z.core.$ZodShape) => {
  const names = Object.keys(shape);
  return (input: unknown) => canonicalKeys(input, names);
};

/** A zod object whose property names match ignoring case; unknown properties are dropped. */
export const caselessObject = <Shape extends z.core.$ZodShape>(shape: Shape, error?: z.core.$ZodErrorMap) =>
  z.preprocess(keysOf(shape), z.object(shape, error ? { error } : undefined));

/** Like `caselessObject`, but unknown properties are kept (PascalCased). */
export const caselessLooseObject = <Shape extends z.core.$ZodShape>(shape: Shape) => z.preprocess(keysOf(shape), z.looseObject(shape));
