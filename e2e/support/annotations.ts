import { annotationListResponse, projectSchema, type StoredAnnotation } from '@feedbench/shared';
import { type APIRequestContext, expect } from '@playwright/test';

/** Annotations as the server stored them (newest first), read back through the researchers' API. */
export async function storedAnnotations(as: APIRequestContext, projectId: string): Promise<StoredAnnotation[]> {
  const response = await as.get(`/api/projects/${projectId}/annotations`);
  expect(response.ok(), await response.text()).toBe(true);
  return annotationListResponse.parse(await response.json()).annotations;
}

export async function projectOf(as: APIRequestContext, projectId: string) {
  const response = await as.get(`/api/projects/${projectId}`);
  expect(response.ok(), await response.text()).toBe(true);
  return projectSchema.parse(await response.json());
}

/** The stored annotation of one item (by its external id). */
export function annotationOf(annotations: StoredAnnotation[], externalId: string): StoredAnnotation {
  const found = annotations.find((a) => a.itemExternalId === externalId);
  if (!found) throw new Error(`no annotation stored for item ${externalId}`);
  return found;
}
