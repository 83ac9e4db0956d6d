import type { CalibrationReport } from '@feedbench/shared';
import { type FormEvent, useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useCalibration } from '../api/calibration.ts';
import { judgesMessages } from '../judges.messages.ts';
import { ESTIMATE_KEYS, useStatistic } from './estimate-cells.tsx';

type CalibrationQuestion = CalibrationReport['judges'][number]['questions'][number];

/** One judge's rows: per question (and category), each estimate among humans beside the judge's with the humans. */
function JudgeCalibration({ name, questions }: { name: string; questions: readonly CalibrationQuestion[] }) {
  const t = useMessages(judgesMessages);
  const format = useFormat();
  const statistic = useStatistic();
  return (
    <table className="table" aria-label={name}>
      <caption>
        {name} <span className="badge judge">{t('judgeBadge')}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('calibrationQuestion')}</th>
          <th scope="col">{t('calibrationCategoryColumn')}</th>
          <th scope="col">{t('calibrationItems')}</th>
          <th scope="col">{t('calibrationEstimate')}</th>
          <th scope="col">{t('calibrationHumans')}</th>
          <th scope="col">{t('calibrationJudge')}</th>
          <th scope="col">{t('calibrationPositionBias')}</th>
        </tr>
      </thead>
      <tbody>
        {questions.flatMap((q) =>
          q.judgeVsHumans.map((judge, e) => {
            const bias = q.judgePositionBias?.groups[0];
            return (
              <tr key={`${q.questionId}/${q.category ?? ''}/${judge.estimate}`}>
                <td>{e === 0 ? q.label : ''}</td>
                <td>{e === 0 ? (q.category ?? t('calibrationAll')) : ''}</td>
                <td>{e === 0 ? format.integer(q.items) : ''}</td>
                <th scope="row">{t(ESTIMATE_KEYS[judge.estimate])}</th>
                <td>{statistic(q.humans.find((h) => h.estimate === judge.estimate))}</td>
                <td>{statistic(judge)}</td>
                <td>{e === 0 && bias ? format.percent(bias.rate) : ''}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}

/** Judge-vs-human agreement beside human-vs-human, optionally split by an item metadata field. */
export function CalibrationTable({ projectId }: { projectId: string }) {
  const t = useMessages(judgesMessages);
  const [draft, setDraft] = useState('');
  const [category, setCategory] = useState('');
  const report = useCalibration(projectId, category);

  function apply(event: FormEvent) {
    event.preventDefault();
    setCategory(draft.trim());
  }

  return (
    <div className="stack">
      <form className="row" onSubmit={apply}>
        <div className="field">
          <label htmlFor="calibration-category">{t('calibrationCategory')}</label>
          <input id="calibration-category" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <button type="submit">{t('calibrationApply')}</button>
      </form>
      {report.isPending && <Loading what={t('loadingWhat')} />}
      {report.isError && <ErrorNotice error={report.error} />}
      {report.data &&
        (report.data.judges.every((j) => j.questions.every((q) => q.items === 0)) ? (
          <p className="muted">{t('calibrationEmpty')}</p>
        ) : (
          <>
            {report.data.judges.map((judge) => (
              <JudgeCalibration key={judge.judgeId} name={judge.name} questions={judge.questions} />
            ))}
            <p className="muted">{t('calibrationIntervalNote')}</p>
          </>
        ))}
    </div>
  );
}
