import { z } from 'zod';
import { answersSchema } from '../answers.ts';

/**
 * Stored annotations as researchers read them back (`GET /api/projects/:projectId/annotations`): the answers exactly
 * as submitted, the display order the annotator saw (output ids, first shown first; labels A, B, C... follow it),
 * and the template and guidelines versions in force.
 */
export const storedAnnotationSchema = z.object({
  id: z.string().uuid(),
  itemId: z.string().uuid(),
  itemExternalId: z.string(),
  annotatorId: z.string().uuid(),
  answers: answersSchema,
  displayOrder: z.array(z.string()),
  templateVersion: z.number().int(),
  guidelinesVersion: z.number().int(),
  timeOnTaskMs: z.number().int().nullable(),
  submittedAt: z.string(),
});
export type StoredAnnotation = z.infer<typeof storedAnnotationSchema>;

export const annotationListQuery = z.object({
  /** Newest first; at most this many. */
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const annotationListResponse = z.object({ annotations: z.array(storedAnnotationSchema) });
export type AnnotationListResponse = z.infer<typeof annotationListResponse>;
