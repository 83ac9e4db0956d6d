import { judgeDisagreementsResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { projectPath } from './judges.ts';

export const judgeDisagreementsQueryOptions = (projectId: string, judgeId: string) =>
  queryOptions({
    // Under the judges key: a finished judging job (useJudgeJobs) refreshes it.
    queryKey: ['judges', projectId, 'disagreements', judgeId],
    queryFn: ({ signal }) =>
      apiJson(
        `${projectPath(projectId)}/judges/${encodeURIComponent(judgeId)}/disagreements`,
        judgeDisagreementsResponse,
        { signal },
      ),
  });

/** The items where one judge disagrees with the human annotators (the judge's drill-down). */
export const useJudgeDisagreements = (projectId: string, judgeId: string) =>
  useQuery(judgeDisagreementsQueryOptions(projectId, judgeId));

/** The drill-down page of one judge (the agreement dashboard's judge rows and the judges list link here). */
export const judgeDisagreementsPath = (projectId: string, judgeId: string) =>
  `/projects/${encodeURIComponent(projectId)}/judges/${encodeURIComponent(judgeId)}/disagreements`;
