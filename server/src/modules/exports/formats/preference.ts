import type { Judgement, PreparedItem, TemplateView } from '../judgements.ts';
import { SerializedLine } from './serialized-line.ts';
import { hhTranscript } from './transcript.ts';

const assistant = (content: string) => [{ role: 'assistant' as const, content }];

/**
 * JSON of one value per output id, made once per item: a ranking of K outputs makes up to C(K,2) lines per
 * judgement, each repeating the same prompt and outputs, so pair lines are assembled from these pieces
 * (byte-identical to stringifying each line whole, at a fraction of the work and garbage).
 */
function perOutput(toValue: (content: string) => unknown) {
  const cache = new Map<string, string>();
  return (id: string, content: string) => {
    let json = cache.get(id);
    if (json === undefined) {
      json = JSON.stringify(toValue(content));
      cache.set(id, json);
    }
    return json;
  };
}

/** Each pair of each judgement with the two outputs' texts. */
function* textPairs({ judgements, outputs }: PreparedItem) {
  for (const judgement of judgements) {
    for (const pair of judgement.pairs) {
      const chosen = outputs.get(pair.chosen);
      const rejected = outputs.get(pair.rejected);
      if (chosen && rejected) yield { judgement, pair, chosen: chosen.content, rejected: rejected.content };
    }
  }
}

/**
 * The margin and scores a preference line carries, the same fields on every line of a project: `margin` when the
 * template has a pairwise question asking strength or a rating question, `score_chosen`/`score_rejected` when it has
 * a rating question. Margins are on Llama 2's "small" scale (Touvron et al. 2023, section 3.2.2, Table 27: 0 for
 * "negligibly better / unsure" up to 1 for "significantly better"): the strength's margin when the annotator gave
 * one, else the rating difference over the scale's span clipped to [0, 1], else 0 (unsure).
 */
function marginFields(template: TemplateView, judgement: Judgement, chosenId: string, rejectedId: string) {
  const question = template.ratingQuestions[0];
  const askStrength = template.preferenceQuestion?.askStrength === true;
  if (!question && !askStrength) return {};
  const values = question ? judgement.ratings.get(question.id) : undefined;
  const chosen = values?.get(chosenId) ?? null;
  const rejected = values?.get(rejectedId) ?? null;
  let margin = judgement.strengthMargin;
  if (margin === null && question && chosen !== null && rejected !== null) {
    margin = Math.min(1, Math.max(0, (chosen - rejected) / (question.max - question.min)));
  }
  const rounded = Math.round((margin ?? 0) * 10_000) / 10_000;
  return question ? { margin: rounded, score_chosen: chosen, score_rejected: rejected } : { margin: rounded };
}

/** TRL conversational preference (DPOTrainer, RewardTrainer): prompt, chosen, rejected (+ margin and scores). */
export function* trlPreferenceLines(prepared: PreparedItem, template: TemplateView): Generator<SerializedLine> {
  const prompt = JSON.stringify(prepared.item.conversation);
  const turn = perOutput(assistant);
  for (const { judgement, pair, chosen, rejected } of textPairs(prepared)) {
    const ratings = marginFields(template, judgement, pair.chosen, pair.rejected);
    const tail = 'margin' in ratings ? `,${JSON.stringify(ratings).slice(1, -1)}` : '';
    yield new SerializedLine(
      `{"prompt":${prompt},"chosen":${turn(pair.chosen, chosen)},"rejected":${turn(pair.rejected, rejected)}${tail}}`,
    );
  }
}

/** OpenAI preference fine-tuning (DPO): input messages, preferred and non-preferred output. */
export function* openaiDpoLines(prepared: PreparedItem): Generator<SerializedLine> {
  const input = JSON.stringify({ messages: prepared.item.conversation });
  const turn = perOutput(assistant);
  for (const { pair, chosen, rejected } of textPairs(prepared)) {
    yield new SerializedLine(
      `{"input":${input},"preferred_output":${turn(pair.chosen, chosen)},"non_preferred_output":${turn(pair.rejected, rejected)}}`,
    );
  }
}

/** Anthropic HH-RLHF: two full transcripts sharing the conversation, differing in the last Assistant turn. */
export function* hhRlhfLines(prepared: PreparedItem): Generator<SerializedLine> {
  const transcript = perOutput((reply) => hhTranscript(prepared.item.conversation, reply));
  for (const { pair, chosen, rejected } of textPairs(prepared)) {
    yield new SerializedLine(
      `{"chosen":${transcript(pair.chosen, chosen)},"rejected":${transcript(pair.rejected, rejected)}}`,
    );
  }
}

/**
 * TRL unpaired preference (KTOTrainer): per judgement, the top group's outputs are desirable (label true) and the
 * bottom group's undesirable (false), the way KTO's authors unpair preference data (Ethayarajh et al. 2024, "KTO:
 * Model Alignment as Prospect Theoretic Optimization"). Middle groups are neither; a single group (all tied) says
 * nothing; a flagged output, or any output of a ranking marked "all bad", is never desirable.
 */
export function* trlKtoLines({ item, judgements, outputs, excluded }: PreparedItem): Generator<object> {
  for (const { groups, allBad } of judgements) {
    if (groups.length < 2) continue;
    const desirable = allBad ? [] : (groups[0] ?? []).filter((id) => !excluded.has(id));
    const labelled = [
      ...desirable.map((id) => [id, true] as const),
      ...(groups.at(-1) ?? []).map((id) => [id, false] as const),
    ];
    for (const [id, label] of labelled) {
      const output = outputs.get(id);
      if (output) yield { prompt: item.conversation, completion: assistant(output.content), label };
    }
  }
}
