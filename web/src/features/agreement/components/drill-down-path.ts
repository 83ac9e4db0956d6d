import type { DrillDownTarget } from '../api/get-agreement-annotations.ts';

/** The dashboard's drill-down page for one annotator or one item (the route reads the same search parameters). */
export function drillDownPath(projectId: string, target: DrillDownTarget): string {
  return `/projects/${encodeURIComponent(projectId)}/agreement/annotations?${new URLSearchParams(target)}`;
}
