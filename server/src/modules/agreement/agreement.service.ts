import type { AgreementRecord, AgreementReport, BootstrapOptions } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { agreementErrors } from './agreement.errors.ts';
import { type AgreementQuestion, hasAgreement, questionRecords } from './agreement.records.ts';
import { buildAgreementReport } from './agreement.report.ts';
import { createAgreementRepository } from './agreement.repository.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'accessAsResearcher' | 'progressOf' | 'listMembers'>;
  /** Bootstrap of the report's intervals; fixed seed so a report is reproducible. */
  bootstrap?: Required<BootstrapOptions>;
}

/** 500 resamples of items: enough for a stable 95% percentile interval, and a few ms per estimate. */
export const REPORT_BOOTSTRAP: Required<BootstrapOptions> = { replicates: 500, seed: 1, confidence: 0.95 };

/** Agreement and annotation quality of a project, for its researchers (dashboard, CLI). */
export function createAgreementService({ db, clock, projects, bootstrap = REPORT_BOOTSTRAP }: Deps) {
  const repository = createAgreementRepository(db);
  return {
    async report(user: SessionUser, projectId: string): Promise<AgreementReport> {
      const project = await projects.accessAsResearcher(user, projectId);
      const annotations = await repository.submitted(project.id);
      const members = await projects.listMembers(user, project.id);
      const progress = await projects.progressOf(project.id);
      return buildAgreementReport({
        projectId: project.id,
        generatedAt: clock.now(),
        questions: project.settings.questions,
        annotations,
        emails: new Map(members.map((m) => [m.userId, m.email])),
        progress: { ...progress, overlapTarget: project.settings.overlapTarget },
        bootstrap,
      });
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
