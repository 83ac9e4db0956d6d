import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { AnswerByOutputId } from '../../features/adjudication/components/AnswerByOutputId.tsx';
import {
  type DrillDownTarget,
  useAgreementAnnotations,
} from '../../features/agreement/api/get-agreement-annotations.ts';
import { AnnotationDrillDown } from '../../features/agreement/components/AnnotationDrillDown.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';

/** The agreement dashboard's drill-down: one annotator's or one item's annotations (`?annotatorId=` / `?itemId=`). */
export function AgreementAnnotationsRoute() {
  const { projectId = '' } = useParams();
  const [search] = useSearchParams();
  const annotatorId = search.get('annotatorId');
  const target: DrillDownTarget = annotatorId ? { annotatorId } : { itemId: search.get('itemId') ?? '' };
  const project = useProject(projectId);
  const annotations = useAgreementAnnotations(projectId, target);
  const name = project.data?.name ?? 'Project';
  const first = annotations.data?.annotations[0];
  const title = annotatorId
    ? `Annotations by ${first?.annotatorEmail ?? 'this annotator'}`
    : `Annotations on item ${first?.itemExternalId ?? ''}`.trim();

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}`}>{name}</Link>{' '}
        <span aria-hidden="true">/</span> <Link to={`/projects/${projectId}/agreement`}>Agreement</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Annotations</span>
      </nav>
      <h1>{title}</h1>
      {annotations.isPending || project.isPending ? (
        <Loading what="the annotations" />
      ) : annotations.isError ? (
        <ErrorNotice error={annotations.error} title="Could not load the annotations" />
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
