import { useParams, useSearchParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { AnswerByOutputId } from '../../features/adjudication/components/AnswerByOutputId.tsx';
import {
  type DrillDownTarget,
  useAgreementAnnotations,
} from '../../features/agreement/api/get-agreement-annotations.ts';
import { AnnotationDrillDown } from '../../features/agreement/components/AnnotationDrillDown.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** The agreement dashboard's drill-down: one annotator's or one item's annotations (`?annotatorId=` / `?itemId=`). */
export function AgreementAnnotationsRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const [search] = useSearchParams();
  const annotatorId = search.get('annotatorId');
  const target: DrillDownTarget = annotatorId ? { annotatorId } : { itemId: search.get('itemId') ?? '' };
  const project = useProject(projectId);
  const annotations = useAgreementAnnotations(projectId, target);
  const name = project.data?.name ?? t('project');
  const first = annotations.data?.annotations[0];
  const title = annotatorId
    ? t('annotationsBy', { who: first?.annotatorEmail ?? t('thisAnnotator') })
    : t('annotationsOnItem', { item: first?.itemExternalId ?? '' }).trim();

  return (
    <div className="stack">
      <Breadcrumb
        trail={[
          { to: `/projects/${projectId}`, label: name },
          { to: `/projects/${projectId}/agreement`, label: t('agreement') },
        ]}
        current={t('annotations')}
      />
      <h1>{title}</h1>
      {annotations.isPending || project.isPending ? (
        <Loading what={t('theAnnotations')} />
      ) : annotations.isError ? (
        <ErrorNotice error={annotations.error} title={t('loadAnnotationsFailed')} />
      ) : (
        <section className="card stack" aria-label={title}>
          <AnnotationDrillDown
            annotations={annotations.data.annotations}
            questions={project.data?.settings.questions ?? []}
            by={annotatorId ? 'annotator' : 'item'}
            truncated={annotations.data.truncated}
            renderAnswer={(question, answer) => <AnswerByOutputId question={question} answer={answer} />}
          />
        </section>
      )}
    </div>
  );
}
