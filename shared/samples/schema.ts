import { z } from 'zod';
import { SAMPLE_KINDS } from './index';

// Apart from the samples themselves, so the renderer's Events view lists them without loading zod.
export const sampleKind = z.enum(SAMPLE_KINDS);
