import { questionsSchema } from '@feedbench/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../i18n/i18n.ts';
import { formIssueText } from './form-issues.ts';

const rating = { id: 'quality', type: 'rating', label: 'Quality', min: 1, max: 7 };

function issuesOf(questions: unknown[]) {
  const parsed = questionsSchema.safeParse(questions);
  if (parsed.success) throw new Error('expected problems');
  return parsed.error.issues.map((issue) => formIssueText({ ...issue, path: issue.path.slice(1) }));
}

describe('formIssueText', () => {
  afterEach(() => i18next.changeLanguage('en'));

  it('words the template builder problems in the UI language, by code and path', async () => {
    const questions = [
      { ...rating, label: '' },
      { ...rating, id: 'quality', min: 5, max: 3 },
      { ...rating, id: 'Bad Id' },
    ];
    expect(issuesOf(questions)).toEqual(
      expect.arrayContaining([
        'the label is empty',
        'the maximum must be greater than the minimum',
        'the id "quality" is used twice',
        'the id: use lowercase letters, digits, - or _, starting with a letter',
      ]),
    );
    await i18next.changeLanguage('zh-CN');
    const zh = issuesOf(questions);
    expect(zh).toEqual(expect.arrayContaining(['标签不能为空', '最大值必须大于最小值', 'ID“quality”重复使用']));
    // Nothing English is left but the user's own id.
    for (const text of zh) expect(text.replace('quality', '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('names an entry of a list by its place', async () => {
    const classification = {
      id: 'topic',
      type: 'classification',
      label: 'Topic',
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: '' },
      ],
    };
    expect(issuesOf([classification])).toEqual(['option 2 · the label is empty']);
    await i18next.changeLanguage('zh-CN');
    expect(issuesOf([classification])).toEqual(['选项 2 · 标签不能为空']);
  });

  it('keeps the message of an issue it does not know', () => {
    expect(formIssueText({ code: 'custom', path: ['x'], message: 'something new' })).toBe('something new');
  });
});
