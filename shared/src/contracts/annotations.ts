import { z } from 'zod';
import { answersSchema } from '../answers.ts';
import { keysetPageQuery } from './pagination.ts';

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

/** Newest first, at most `limit` per page; `cursor`: the previous page's nextCursor. */
export const annotationListQuery = keysetPageQuery(100, 1000);
export const annotationListResponse = z.object({
  annotations: z.array(storedAnnotationSchema),
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AnnotationListResponse = z.infer<typeof annotationListResponse>;
