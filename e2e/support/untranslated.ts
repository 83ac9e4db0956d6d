import type { Page } from '@playwright/test';

/**
 * Words that read the same in any language of the UI: product, format and method names, file types, units. Anything
 * else in Latin letters on a Chinese screen is either user content (stripped first, see `untranslatedText`) or a UI
 * string that missed its catalog.
 */
const SAME_IN_EVERY_LANGUAGE = [
  'Feedbench',
  'Markdown',
  'JSONL',
  'JSON Lines',
  'JSON',
  'Parquet',
  'gzip',
  'API',
  'CSV',
  'URL',
  'ID',
  'OpenAI',
  'TRL',
  'SFT',
  'DPO',
  'KTO',
  'HH-RLHF',
  'RLHF',
  'InstructGPT',
  'HelpSteer',
  'Llama',
  'Likert',
  'Krippendorff',
  'Cohen',
  'Fleiss',
  'Bradley-Terry',
  'Copeland',
  'Elo',
  'KaTeX',
  'Esc',
  'Enter',
  'Tab',
  'Shift',
  'Ctrl',
  'Control',
  'Space',
  'Alt',
  'Cmd',
  'PGlite',
  'PostgreSQL',
  'fbt_',
  // Language names are written in their own language in the switch.
  'English',
  'UTC',
  'Kendall',
  // Cited authors.
  'Ouyang',
  // File formats and the field names export formats write.
  'jsonl.gz',
  'jsonl',
  'parquet',
  'prompt',
  'chosen',
  'rejected',
  // OpenAI API parameter names, shown beside their translated label so a researcher can match them to the API.
  'top_p',
  'max_tokens',
  // Model servers, and the endpoint a reward model answers on.
  'vLLM',
  'Ollama',
  'llama.cpp',
  'TGI',
  'POST /pooling',
];

/** Input syntax shown as an example (metadata `key=value`, flag ids, a slug), and file names. */
const EXAMPLES = [
  /\b\w+=\w+\b/g,
  /\bunsafe,harmful\b/g,
  /^team-a$/g,
  /[\w.-]+\.jsonl(\.gz)?\b/g,
  // Example addresses (a base URL's placeholder and hint).
  /https?:\/\/[^\s（）()]+/g,
];

/**
 * The visible text and the accessible names, descriptions, titles and placeholders of the page, minus user content,
 * keeping what still holds an English word (3+ Latin letters). `userContent` lists what people wrote (prompts,
 * outputs, question labels, project names, emails): it is removed before the check, as are ids, emails, export format
 * names and code.
 */
export async function untranslatedText(page: Page, userContent: readonly string[], formats: readonly string[]) {
  return englishLeft(await pageTexts(page), userContent, formats);
}

/** What `untranslatedText` reads off the page, before user content is taken out. */
export function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    // What people wrote is shown in containers with dir="auto" (web/src/i18n/README.md); charts are aria-hidden.
    const skipped = (element: Element | null) =>
      !element || !!element.closest('code, pre, script, style, noscript, .katex, textarea, [dir="auto"]');
    const visible = (element: Element) =>
      (element as HTMLElement).checkVisibility?.({ checkOpacity: false, checkVisibilityCSS: true }) ?? true;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (skipped(parent) || !parent || !visible(parent)) continue;
      const text = node.textContent?.trim();
      if (text) texts.push(text);
    }
    for (const element of Array.from(
      document.body.querySelectorAll('[aria-label], [title], [placeholder], [aria-description]'),
    )) {
      if (skipped(element) || element.closest('[aria-hidden="true"]')) continue;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'aria-description']) {
        const value = element.getAttribute(attribute)?.trim();
        if (value) texts.push(value);
      }
    }
    // Option labels of selects are UI strings too (hidden in a closed select, read when opened).
    for (const option of Array.from(document.body.querySelectorAll('option'))) {
      if (!skipped(option) && option.textContent?.trim()) texts.push(option.textContent.trim());
    }
    return texts;
  });
}

/** The texts that still hold an English word once user content, formats and names the same in every language are out. */
export function englishLeft(found: readonly string[], userContent: readonly string[], formats: readonly string[]) {
  const strip = [...userContent, ...formats, ...SAME_IN_EVERY_LANGUAGE]
    .filter((s) => s.trim().length > 0)
    .sort((a, b) => b.length - a.length)
    // Whole words only: a user's id "a" must not take the letter out of every English word.
    .map((s) => new RegExp(`(?<![A-Za-z0-9])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'g'));
  const left = new Set<string>();
  for (const text of found) {
    let rest = text
      .replace(/[\w.+-]+@[\w.-]+\.\w+/g, ' ')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ' ');
    for (const pattern of [...EXAMPLES, ...strip]) rest = rest.replace(pattern, ' ');
    if (/[A-Za-z]{3,}/.test(rest)) left.add(text);
  }
  return [...left];
}
