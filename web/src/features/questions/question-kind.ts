import type { AnswerOf, Message, QuestionOf, QuestionType, TaskOutput } from '@feedbench/shared';
import type { ComponentType } from 'react';
import type { EditState } from './edit-state.ts';

/**
 * Everything the web knows of one question type, in one module per type (`<type>/index.tsx`), read through the
 * registry (registry.ts, `satisfies { [T in QuestionType]: QuestionKind<T> }`): a type without a kind, or a kind
 * without a piece, fails to compile. A piece that does not apply is `null`, said explicitly.
 */

/** An output as a reader is shown it: its id (what answers store), the label read (A, B... or the id) and its text. */
export interface ShownOutput {
  id: string;
  label: string;
  content: string;
}

export type Update = (change: (state: EditState) => EditState) => void;

/** The annotator's input for one question (once per output for `output` placement, with that output). */
export interface InputProps<T extends QuestionType> {
  question: QuestionOf<T>;
  state: EditState;
  update: Update;
  outputs: TaskOutput[];
  conversation: Message[];
  /** The output card the input sits on (`output` placement only). */
  output?: TaskOutput;
}

/** A read-only answer as the annotator gave it, outputs named by `outputs`' labels. */
export interface ViewProps<T extends QuestionType> {
  question: QuestionOf<T>;
  answer: AnswerOf<T>;
  outputs: readonly ShownOutput[];
}

/** An editable answer outside the annotator page (adjudication, a reviewer's correction), with the annotators' inputs. */
export interface FieldProps<T extends QuestionType> {
  question: QuestionOf<T>;
  answer: AnswerOf<T> | undefined;
  outputs: readonly ShownOutput[];
  onChange(answer: AnswerOf<T> | undefined): void;
  /** Accessible name of a text field, when the screen names it its own way (a reviewer's "Corrected reply"). */
  label?: string;
}

/** The template builder's fields for what the type lets a researcher configure. */
export interface SettingsProps<T extends QuestionType> {
  question: QuestionOf<T>;
  /** Prefix for element ids, unique per question editor. */
  id: string;
  onChange(patch: Partial<QuestionOf<T>>): void;
}

/**
 * Where the annotator answers it: `prompt` (labels of the prompt, under it), `reply` (writing after the prompt),
 * `output` (on each output card), `judgement` (whole-item judgements beside Submit), `closing` (after them).
 */
export type Placement = 'prompt' | 'reply' | 'output' | 'judgement' | 'closing';

/** The sample item's outputs the preview needs: exactly n (pairwise), or at least n. */
export type SampleOutputs = { exactly: number } | { atLeast: number } | null;

/** What a ranking-like kind adds to each output card: the card shows the rank and takes digit keys like the board. */
export interface OutputCardRank {
  rank: number | undefined;
  outputCount: number;
  onRank: (rank: number | undefined) => void;
  onTie: () => void;
}

export interface QuestionKind<T extends QuestionType> {
  /** The type's name in the template builder. */
  name: string;
  placement: Placement;
  /** Whether answering needs the outputs on screen (the page shows them when any question does). */
  judgesOutputs(question: QuestionOf<T>): boolean;
  /** How many outputs the builder's sample item shows for it. */
  sampleOutputs(question: QuestionOf<T>): SampleOutputs;
  Settings: ComponentType<SettingsProps<T>> | null;
  Input: ComponentType<InputProps<T>>;
  View: ComponentType<ViewProps<T>>;
  Field: ComponentType<FieldProps<T>>;
  /** One line of plain text (tables, summaries), outputs named with `labelOf`. */
  text(answer: AnswerOf<T>, question: QuestionOf<T> | undefined, labelOf: (outputId: string) => string): string;
  /** Puts a saved (draft) answer back into the editing state, or the type's starting answer when there is none. */
  restore(state: EditState, question: QuestionOf<T>, saved: AnswerOf<T> | undefined, outputs: TaskOutput[]): EditState;
  /**
   * The answer from the editing state, undefined when empty. `draft`: as saved in a draft (a ranking keeps its empty
   * positions), else as submitted.
   */
  build(question: QuestionOf<T>, state: EditState, outputIds: string[], draft: boolean): AnswerOf<T> | undefined;
  /** The rank shown on each output card and its digit keys (ranking); null for every other type. */
  outputCard: ((props: InputProps<T>, output: TaskOutput) => OutputCardRank) | null;
}

export type QuestionKinds = { [T in QuestionType]: QuestionKind<T> };
