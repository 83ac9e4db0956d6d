import { describe, expect, it } from 'vitest';
import { assertStrongPassword, weakPasswordReason } from './password-policy.ts';

describe('new password policy (NIST SP 800-63B §5.1.1.2)', () => {
  it.each(['password', '12345678', 'aaaaaaaa', 'qwertyuiop', 'iloveyou1', 'Password1!', 'abcdefgh'])(
    'refuses the common or patterned password %s',
    (password) => {
      expect(weakPasswordReason(password, 'ada@example.org')).toMatch(/too easy to guess/);
    },
  );

  it('refuses passwords built from the account email', () => {
    expect(weakPasswordReason('ada.lovelace-1815', 'ada.lovelace@example.org')).toMatch(/email/);
    expect(weakPasswordReason('ada.lovelace@example.org', 'ada.lovelace@example.org')).toMatch(/email/);
  });

  it('accepts long passphrases of uncommon words', () => {
    for (const password of [
      'correct horse battery',
      'admin-password-1',
      'annotator-password-1',
      'tulip orbit 47 kettle',
    ]) {
      expect(weakPasswordReason(password, 'someone@e2e.test')).toBeNull();
    }
  });

  it('names the password field in the 422 it throws', () => {
    expect(() => assertStrongPassword('password', 'ada@example.org')).toThrow(
      expect.objectContaining({
        statusCode: 422,
        code: 'auth.weak_password',
        details: expect.objectContaining({ path: 'password' }),
      }),
    );
  });
});

describe('context words', () => {
  it('accepts a strong password that merely contains the name of the account', () => {
    expect(weakPasswordReason('admin-password-1', 'admin@e2e.test')).toBeNull();
  });
});
