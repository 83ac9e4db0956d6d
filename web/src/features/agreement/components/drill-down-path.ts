import type { DrillDownTarget } from '../api/get-agreement-annotations.ts';

/** The dashboard's drill-down page for one annotator or one item (the route reads the same search parameters). */
export function drillDownPath(projectId: string, target: DrillDownTarget): string {
  return `/projects/${encodeURIComponent(projectId)}/agreement/annotations?${new URLSearchParams(target)}`;
}

/** A model judge's drill-down (its disagreements with the annotators, on the judges pages). */
export function judgeDrillDownPath(projectId: string, judgeId: string): string {
  return `/projects/${encodeURIComponent(projectId)}/judges/${encodeURIComponent(judgeId)}/disagreements`;
}
