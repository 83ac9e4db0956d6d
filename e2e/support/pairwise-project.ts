import { findPreset } from '@feedbench/shared';
import { addMember, createAccount, createProject, importJsonl, signedIn } from './api.ts';

/**
 * A ranking project with the llama2-pairwise template, the given JSONL lines imported and a fresh annotator added:
 * the set-up of the specs that time or follow the annotator's submit -> next loop.
 */
export async function arrangePairwiseProject(name: string, lines: string[]) {
  const researcher = await createAccount('researcher');
  const annotator = await createAccount('annotator');
  const api = await signedIn(researcher);
  const preset = findPreset('llama2-pairwise');
  if (!preset) throw new Error('no preset');
  const project = await createProject(api, {
    name: `${name} ${Date.now().toString(36)}`,
    kind: 'ranking',
    settings: { questions: preset.questions },
  });
  await importJsonl(api, project.id, `${lines.join('\n')}\n`);
  await addMember(api, project.id, annotator.email, 'annotator');
  return { api, annotator, project };
}
