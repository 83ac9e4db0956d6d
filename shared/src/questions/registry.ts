import type { QuestionModules } from './question-module.ts';

/**
 * Every question type's module (shared/src/questions/README.md). `satisfies QuestionModules` makes a missing type or
 * piece a compile error. Filled in as the types move here from answers.ts, gold-score.ts and the server modules.
 */
export const QUESTION_MODULES = {} as Partial<QuestionModules>;
