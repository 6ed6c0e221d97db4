import { z } from 'zod';

/** One call the UI (or an automation client) can make into the engine. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line for the README's automation API table. */
  doc: string;
}

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string): CallSpec<I, O> => ({ input, output, doc });

/** A call that takes no argument still accepts `{}` or nothing over HTTP. */
export const noInput = z.object({}).strict().optional();
