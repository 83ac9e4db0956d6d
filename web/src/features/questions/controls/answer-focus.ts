/**
 * Focus moves through the task in "answer stops": each scale, choice group, board or text field is one stop, marked
 * with `data-answer-stop`, and Submit is the last. A control that was just answered by key (a digit on a scale, say)
 * hands the focus to the next stop, so a whole task can be answered with digits alone; `J`/`K` move between stops.
 */
export const ANSWER_STOP = 'data-answer-stop';

/**
 * Marks an element as an answer stop. `key` names what it answers, "questionId", "questionId/outputId" or
 * "questionId/outputId/attributeId", so Submit can take the annotator to the first thing still missing.
 */
export const answerStop = (...key: (string | undefined)[]) => ({
  [ANSWER_STOP]: key.filter((part) => part !== undefined).join('/'),
});
const FOCUSABLE =
  'input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex="0"]';

function stops(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[${ANSWER_STOP}]`)].filter(
    (el) => !el.closest('[hidden]') && el.getClientRects().length > 0,
  );
}

/**
 * A stop that is fully answered and that a digit would change again if the focus landed on it (a ranking board with
 * every output placed): moving on after an answer passes over it, J/K still visit it.
 */
export const ANSWERED = 'data-answer-complete';
/** Inside a stop, the control the focus should land on (the first output not ranked yet). */
export const FOCUS_FIRST = 'data-focus-first';

/** Focuses a stop: its marked control, else its checked radio, else its first control, else the stop itself. */
export function focusStop(stop: HTMLElement | undefined): boolean {
  if (!stop) return false;
  const target =
    stop.querySelector<HTMLElement>(`[${FOCUS_FIRST}]`) ??
    stop.querySelector<HTMLElement>('input[type="radio"]:checked') ??
    stop.querySelector<HTMLElement>('textarea') ??
    (stop.matches(FOCUSABLE) ? stop : stop.querySelector<HTMLElement>(FOCUSABLE));
  if (!target) return false;
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return true;
}

/** Moves from the stop holding `from` (default: the focused element) to the next (or previous) one. */
export function moveFocus(direction: 1 | -1, from: Element | null = document.activeElement): void {
  const all = stops();
  const index = all.findIndex((stop) => from !== null && stop.contains(from));
  const next = index === -1 ? (direction === 1 ? all[0] : all.at(-1)) : all[index + direction];
  focusStop(next);
}

/**
 * After a control was answered by key: on to the next stop that a digit would not re-answer, so the last rating
 * never hands its digit keys to a finished ranking board (its first chip would be re-ranked).
 */
export function advanceFocus(from: Element): void {
  const all = stops();
  const index = all.findIndex((stop) => stop.contains(from));
  focusStop(all.slice(index + 1).find((stop) => !stop.hasAttribute(ANSWERED)));
}

/**
 * Focuses the stop a problem of `checkAnswers` is about (path [questionId, field, outputId, attributeId]): the most
 * specific stop that exists, else the question's first. Returns false when no stop matches.
 */
export function focusProblem(path: (string | number)[], root: ParentNode = document): boolean {
  const [questionId, , outputId, attributeId] = path.map(String);
  const keys = [[questionId, outputId, attributeId], [questionId, outputId], [questionId]].map((parts) =>
    parts.filter((p) => p !== undefined).join('/'),
  );
  const all = stops(root);
  for (const key of keys) {
    const exact = all.find((stop) => stop.getAttribute(ANSWER_STOP) === key);
    if (exact) return focusStop(exact);
  }
  return focusStop(all.find((stop) => stop.getAttribute(ANSWER_STOP)?.startsWith(`${questionId}/`)));
}

/** The first stop of the task: where the focus goes when a task opens. */
export function focusFirstStop(root: ParentNode = document): boolean {
  return focusStop(stops(root)[0]);
}
