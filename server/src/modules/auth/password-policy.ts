import { createRequire } from 'node:module';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as Common from '@zxcvbn-ts/language-common';
import type * as En from '@zxcvbn-ts/language-en';
import { AppError } from '../../lib/app-error.ts';

/**
 * What a new password must pass (NIST SP 800-63B §5.1.1.2): at least 8 characters (the contract checks it), not a
 * commonly used or breached password, no repetitive or sequential pattern, not built from context-specific words (the
 * service's name, the account's email). zxcvbn (Wheeler, USENIX Security 2016) estimates the guesses an attacker needs
 * with its frequency lists of leaked passwords, names and words, keyboard walks, repeats and sequences; score 3 means
 * more than 10^8 guesses ("safely unguessable: moderate protection from offline slow-hash scenario", §3 of the paper).
 */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
// Built on first use: only password-setting paths need it. The language packs are loaded then too, not at import:
// they decompress their word lists when loaded, which took the CLI's and the server's peak memory from ~100 MiB to
// ~230 MiB before any work (issue 12: an import must stay under 300 MB).
const load = createRequire(import.meta.url);
const passwordEstimator = () => {
  if (estimator) return estimator;
  const common = load('@zxcvbn-ts/language-common') as typeof Common;
  const en = load('@zxcvbn-ts/language-en') as typeof En;
  estimator = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
};

/** Words an attacker who knows the account would try first: the email, its parts, the product's name. */
function contextWords(email: string) {
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  const parts = [...local.split(/[^a-z0-9]+/), ...domain.split('.')].filter((part) => part.length >= 3);
  return [email.toLowerCase(), local, ...parts, 'feedbench'];
}

export const passwordErrors = {
  weak: (reason: string) =>
    new AppError('auth.weak_password', 422, `password: ${reason}`, { path: 'password', reason }),
};

/** Why `password` is too weak for the account `email`, or null when it is fine. */
export function weakPasswordReason(password: string, email: string): string | null {
  // The HTTP contract checks the length too; the CLI and other service callers come through here only.
  if (password.length < 8) return 'at least 8 characters';
  const lowered = password.toLowerCase();
  const local = email.toLowerCase().split('@')[0] ?? '';
  // Mostly the email: what is left without it is shorter than a password may be.
  const rest = local.length >= 3 ? lowered.replaceAll(email.toLowerCase(), '').replaceAll(local, '') : lowered;
  if (lowered === email.toLowerCase() || rest.length < 8) return 'must not be made from the email address';
  const result = passwordEstimator().check(password, contextWords(email));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning ?? 'it is too easy to guess';
  return `too easy to guess (${hint.replace(/\.$/, '')}); use a longer phrase of uncommon words`;
}

/** Throws a 422 naming the `password` field when a new password is too weak. */
export function assertStrongPassword(password: string, email: string) {
  const reason = weakPasswordReason(password, email);
  if (reason) throw passwordErrors.weak(reason);
}
