import { z } from 'zod';
import { EXPORT_FORMATS } from '../constants.ts';

export const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS) });
export type ExportQuery = z.infer<typeof exportQuery>;
