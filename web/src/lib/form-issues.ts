import { translate } from '../i18n/messages.ts';
import { formIssueMessages } from './form-issues.messages.ts';

type Key = Parameters<typeof translate<(typeof formIssueMessages)['en']>>[1];

/** The parts of a zod issue the wording needs (zod 4's issues carry more; custom ones only code, path, message). */
export interface FormIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** A list field's one entry, for "option 2" (keys of lists whose entries have their own word). */
const ENTRY: Record<string, Key> = {
  options: 'field_option',
  flags: 'field_flag',
  attributes: 'field_attribute',
  pointLabels: 'field_pointLabel',
};

function fieldKey(name: string): Key | undefined {
  const key = `field_${name}`;
  return key in formIssueMessages.en ? (key as Key) : undefined;
}

/**
 * The field a path names, in the UI language: ["options", 1, "label"] reads "option 2: the label"; an unknown key is
 * shown as written (it is the schema's own name, the same in every language).
 */
export function fieldName(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i += 1) {
    const part = path[i];
    const next = path[i + 1];
    if (typeof part === 'string' && typeof next === 'number' && ENTRY[part]) {
      parts.push(
        translate(formIssueMessages, 'item', { list: translate(formIssueMessages, ENTRY[part]), n: next + 1 }),
      );
      i += 1;
    } else if (typeof part === 'number') {
      parts.push(`#${part + 1}`);
    } else {
      const key = fieldKey(String(part));
      parts.push(key ? translate(formIssueMessages, key) : String(part));
    }
  }
  return parts.length === 0 ? translate(formIssueMessages, 'theTemplate') : parts.join(' · ');
}

const bound = (value: number | bigint | undefined) => String(value ?? '');

/**
 * One issue of a shared schema in the UI language, by its code and path (the schemas' messages are English, and a
 * custom issue's message is matched only to take its values out). An issue nothing here knows keeps its message.
 */
export function formIssueText(issue: FormIssue): string {
  const field = fieldName(issue.path);
  const last = issue.path.at(-1);
  const size = (kind: 'min' | 'max') => {
    const value = kind === 'min' ? bound(issue.minimum) : bound(issue.maximum);
    if (issue.origin === 'string') {
      if (kind === 'min' && value === '1') return translate(formIssueMessages, 'empty', { field });
      return translate(formIssueMessages, kind === 'min' ? 'minChars' : 'maxChars', {
        field,
        minimum: value,
        maximum: value,
      });
    }
    if (issue.origin === 'array' || issue.origin === 'set')
      return translate(formIssueMessages, kind === 'min' ? 'minEntries' : 'maxEntries', {
        field,
        minimum: value,
        maximum: value,
      });
    return translate(formIssueMessages, kind === 'min' ? 'minNumber' : 'maxNumber', {
      field,
      minimum: value,
      maximum: value,
    });
  };
  switch (issue.code) {
    case 'too_small':
      return size('min');
    case 'too_big':
      return size('max');
    case 'invalid_format':
      return last === 'id'
        ? translate(formIssueMessages, 'idFormat', { field })
        : translate(formIssueMessages, 'notValid', { field });
    case 'custom': {
      const duplicate = issue.message.match(/^duplicate .+ "(.*)"$/);
      if (duplicate) return translate(formIssueMessages, 'duplicateId', { field, id: duplicate[1] });
      if (issue.message === 'max must be greater than min') return translate(formIssueMessages, 'maxAboveMin');
      if (issue.message === 'must be after from') return translate(formIssueMessages, 'toAfterFrom');
      const twice = issue.message.match(/^point (\d+) labelled twice$/);
      if (twice) return translate(formIssueMessages, 'pointTwice', { value: twice[1] });
      const off = issue.message.match(/^(\d+) is not on the scale (\d+)-(\d+)$/);
      if (off) return translate(formIssueMessages, 'pointOffScale', { value: off[1], min: off[2], max: off[3] });
      return issue.message;
    }
    default:
      return translate(formIssueMessages, 'notValid', { field });
  }
}
