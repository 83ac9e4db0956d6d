import { i18next } from '../../i18n/i18n.ts';
import { translate } from '../../i18n/messages.ts';
import { questionMessages } from './questions.messages.ts';

type Key = Parameters<typeof translate<(typeof questionMessages)['en']>>[1];
type Values = (match: RegExpMatchArray) => Record<string, string>;

const label: Values = (m) => ({ label: m[1] ?? '' });
const none: Values = () => ({});

/**
 * The answer checks (shared/src/questions) word their problems in English, for the API and the CLI. In another
 * language each one an annotator, reviewer or adjudicator can meet is reworded from the catalog, with the quoted
 * question label kept as written; a message nothing here knows stays as it is (the registry test lists them all).
 */
export const ANSWER_PROBLEM_PATTERNS: [RegExp, Key, Values][] = [
  [/^"(.+)" is required$/, 'problemRequired', label],
  [/^"(.+)" takes one option$/, 'problemOneOption', label],
  [/^"(.+)": choose the better output$/, 'problemChooseBetter', label],
  [/^"(.+)": say how much better it is$/, 'problemHowMuch', label],
  [/^rank every output \(missing (.+)\)$/, 'problemRankEvery', (m) => ({ missing: m[1] ?? '' })],
  [/^"(.+)" needs at least (\d+) characters?$/, 'problemMinLength', (m) => ({ label: m[1] ?? '', count: m[2] ?? '' })],
  [/^"(.+)": choose the output you rewrite$/, 'problemChooseSource', label],
  [/^"(.+)": write the user's next message too$/, 'problemNextTurn', label],
  [/^ties are not allowed in this project$/, 'problemNoTies', none],
  [/^rate every output for "(.+)"$/, 'problemRateEvery', label],
  [/^review every output for "(.+)"$/, 'problemReviewEvery', label],
  [/^say whether every output is safe$/, 'problemSafeEvery', none],
  [/^an output is ranked twice$/, 'problemRankedTwice', none],
  [/^a flag is given twice$/, 'problemFlagTwice', none],
  [/^an option is selected twice$/, 'problemSelectedTwice', none],
  [/^"all outputs are bad" is not offered in this project$/, 'problemNoAllBad', none],
  [/^"both are bad" is not offered in this project$/, 'problemNoBothBad', none],
  [/^"none is acceptable" is not offered in this project$/, 'problemNoNone', none],
  [/^must be between (-?\d+) and (-?\d+)$/, 'problemBetween', (m) => ({ min: m[1] ?? '', max: m[2] ?? '' })],
  [/^unknown output "(.+)"$/, 'problemUnknownOutput', (m) => ({ id: m[1] ?? '' })],
];

/** One answer problem's message in the UI language (English: the check's own words). */
export function localizedProblem(message: string): string {
  if (i18next.language === 'en') return message;
  for (const [pattern, key, values] of ANSWER_PROBLEM_PATTERNS) {
    const match = message.match(pattern);
    if (match) return translate(questionMessages, key, values(match));
  }
  return message;
}
