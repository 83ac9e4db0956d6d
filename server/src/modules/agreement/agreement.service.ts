import {
  type AgreementAnnotationsQuery,
  type AgreementAnnotationsResponse,
  type AgreementRecord,
  type AgreementReport,
  type AnnotatorAgreement,
  type AnnotatorGold,
  type BootstrapOptions,
  DRILL_DOWN_LIMIT,
  type Question,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { agreementErrors } from './agreement.errors.ts';
import { type AgreementQuestion, hasAgreement, questionRecords } from './agreement.records.ts';
import { buildAgreementReport } from './agreement.report.ts';
import { createAgreementRepository, type SubmittedAnnotation } from './agreement.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'accessAsResearcher' | 'progressOf' | 'listMembers'>;
  /** Bootstrap of the report's intervals; fixed seed so a report is reproducible. */
  bootstrap?: Required<BootstrapOptions>;
  /** Gold accuracy per annotator (the gold module's accuracyByAnnotator); without it the table has no gold column. */
  goldAccuracy?: (projectId: string) => Promise<readonly ({ userId: string } & AnnotatorGold)[]>;
  /**
   * Model judges as extra rows of the annotator table (the judges module's annotatorRows): scored against the humans
   * after the humans' own figures are computed, so a judge never changes them.
   */
  judgeRows?: (
    projectId: string,
    questions: readonly Question[],
    humans: readonly SubmittedAnnotation[],
  ) => Promise<AnnotatorAgreement[]>;
}

/** 500 resamples of items: enough for a stable 95% percentile interval, and a few ms per estimate. */
export const REPORT_BOOTSTRAP: Required<BootstrapOptions> = { replicates: 500, seed: 1, confidence: 0.95 };

/** Agreement and annotation quality of a project, for its researchers (dashboard, CLI). */
export function createAgreementService({
  db,
  clock,
  projects,
  bootstrap = REPORT_BOOTSTRAP,
  goldAccuracy,
  judgeRows,
}: Deps) {
  const repository = createAgreementRepository(db);
  return {
    async report(
      user: SessionUser,
      projectId: string,
      options: { batchSize: number } = { batchSize: 50 },
    ): Promise<AgreementReport> {
      const project = await projects.accessAsResearcher(user, projectId);
      const annotations = await repository.submitted(project.id);
      const members = await projects.listMembers(user, project.id);
      const progress = await projects.progressOf(project.id);
      const gold = goldAccuracy
        ? new Map(
            (await goldAccuracy(project.id)).map(({ userId, answered, accuracy, belowThreshold, paused }) => [
              userId,
              { answered, accuracy, belowThreshold, paused },
            ]),
          )
        : undefined;
      const report = buildAgreementReport({
        projectId: project.id,
        generatedAt: clock.now(),
        questions: project.settings.questions,
        annotations,
        emails: new Map(members.map((m) => [m.userId, m.email])),
        progress: { ...progress, overlapTarget: project.settings.overlapTarget },
        bootstrap,
        batchSize: options.batchSize,
        gold,
      });
      const judges = judgeRows ? await judgeRows(project.id, project.settings.questions, annotations) : [];
      return { ...report, annotators: [...report.annotators, ...judges] };
    },

    /** Every submitted human annotation of a project, as the report reads it (for the judges' calibration). */
    submittedAnnotations: (projectId: string): Promise<SubmittedAnnotation[]> => repository.submitted(projectId),

    /** The drill-down from an annotator row or a low-agreement item to its annotations (researchers only). */
    async annotations(
      user: SessionUser,
      projectId: string,
      filter: AgreementAnnotationsQuery,
    ): Promise<AgreementAnnotationsResponse> {
      const project = await projects.accessAsResearcher(user, projectId);
      const rows = await repository.annotationsOf(project.id, filter, DRILL_DOWN_LIMIT + 1);
      const emails = new Map((await projects.listMembers(user, project.id)).map((m) => [m.userId, m.email]));
      return {
        annotations: rows.slice(0, DRILL_DOWN_LIMIT).map((row) => ({
          id: row.id,
          itemId: row.itemId,
          itemExternalId: row.itemExternalId,
          annotatorId: row.userId,
          annotatorEmail: emails.get(row.userId) ?? null,
          answers: row.answers,
          displayOrder: row.displayOrder,
          timeOnTaskMs: row.timeOnTaskMs,
          submittedAt: row.submittedAt.toISOString(),
        })),
        truncated: rows.length > DRILL_DOWN_LIMIT,
      };
    },

    /**
     * One question's answers as long-format agreement records (the CLI's `--project` mode). Without `questionId`,
     * the project's only question of `type`.
     */
    async records(
      user: SessionUser,
      projectId: string,
      select: { questionId?: string; type: AgreementQuestion['type'] },
    ): Promise<{ question: AgreementQuestion; records: AgreementRecord[] }> {
      const project = await projects.accessAsResearcher(user, projectId);
      const { questions } = project.settings;
      let question: AgreementQuestion;
      if (select.questionId !== undefined) {
        const named = questions.find((q) => q.id === select.questionId);
        if (!named)
          throw agreementErrors.unknownQuestion(
            select.questionId,
            questions.map((q) => q.id),
          );
        if (!hasAgreement(named)) throw agreementErrors.noAgreement(named.id, named.type);
        question = named;
      } else {
        const candidates = questions.filter(hasAgreement).filter((q) => q.type === select.type);
        if (candidates.length !== 1 || !candidates[0]) {
          throw agreementErrors.questionRequired(
            select.type,
            candidates.map((q) => q.id),
          );
        }
        question = candidates[0];
      }
      return { question, records: questionRecords(await repository.submitted(project.id), question) };
    },
  };
}
export type AgreementService = ReturnType<typeof createAgreementService>;
