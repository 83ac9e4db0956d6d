import { type ImportFormat, type ImportProblem, importProblemSchema, importResultSchema } from '@feedbench/shared';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, apiJson } from '../../../lib/api-client.ts';

/**
 * The JSONL file goes up as it is: the server parses it line by line so its errors can name the line. `format` reads
 * a dataset in another layout (hh-rlhf, trl-preference, openai-chat), keeping its judgement as a reference label.
 */
export const importItems = (projectId: string, jsonl: string, format: ImportFormat = 'feedbench') =>
  apiJson(
    `/api/projects/${encodeURIComponent(projectId)}/imports?format=${encodeURIComponent(format)}`,
    importResultSchema,
    {
      method: 'POST',
      body: jsonl,
      contentType: 'application/x-ndjson',
    },
  );

const invalidLinesDetails = z.object({ problems: z.array(importProblemSchema) });

/** The per-line problems of a rejected import (422 `import.invalid_lines`), or undefined for any other error. */
export function importProblemsOf(error: unknown): ImportProblem[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  const parsed = invalidLinesDetails.safeParse(error.details);
  return parsed.success ? parsed.data.problems : undefined;
}

/** `onImported` lets the page refresh whatever shows item counts (owned by another feature). */
export const useImportItems = (projectId: string, { onImported }: { onImported?: () => void } = {}) =>
  useMutation({
    mutationFn: ({ jsonl, format }: { jsonl: string; format: ImportFormat }) => importItems(projectId, jsonl, format),
    onSuccess: () => onImported?.(),
  });
