import type { TemplatePreset } from '@feedbench/shared';
import { useMessages } from '../../../i18n/messages.ts';
import { projectMessages } from '../projects.messages.ts';

type Key = keyof (typeof projectMessages)['en'];

/** A preset's description in the UI language; a preset the catalog does not know yet keeps its own words. */
export function usePresetDescription() {
  const t = useMessages(projectMessages);
  return (preset: Pick<TemplatePreset, 'id' | 'description'>) => {
    const key = `presetDescription_${preset.id}`;
    return key in projectMessages.en ? t(key as Key) : preset.description;
  };
}

/** A preset's name in the UI language; a preset the catalog does not know yet keeps its own name. */
export function usePresetName() {
  const t = useMessages(projectMessages);
  return (preset: Pick<TemplatePreset, 'id' | 'name'>) => {
    const key = `presetName_${preset.id}`;
    return key in projectMessages.en ? t(key as Key) : preset.name;
  };
}
