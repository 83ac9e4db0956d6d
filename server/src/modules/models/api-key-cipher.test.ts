import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiKeyCipher, resolveSecret } from './api-key-cipher.ts';

const ID = '0b9f3c56-3d2a-4c55-9f0e-6c1c1e0f7a11';
const OTHER = '7d1a8a6e-2f0e-4d5b-8a49-2f9c0b8c3e22';

describe('API keys at rest', () => {
  it('encrypts to a different ciphertext each time and decrypts back, never containing the key', () => {
    const cipher = createApiKeyCipher('a server secret of some length');
    const a = cipher.encrypt('sk-live-1234567890', ID);
    const b = cipher.encrypt('sk-live-1234567890', ID);
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk-live');
    expect(a.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt(a, ID)).toBe('sk-live-1234567890');
  });

  it('refuses a ciphertext moved to another connection, tampered with, or under another secret', () => {
    const cipher = createApiKeyCipher('a server secret of some length');
    const stored = cipher.encrypt('sk-live-1234567890', ID);
    expect(() => cipher.decrypt(stored, OTHER)).toThrow();
    const [v, iv, tag, body = ''] = stored.split('.');
    const flipped = `${v}.${iv}.${tag}.${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}`;
    expect(() => cipher.decrypt(flipped, ID)).toThrow();
    expect(() => createApiKeyCipher('another secret entirely!').decrypt(stored, ID)).toThrow();
  });

  it('generates the development secret once, mode 0600, and reads it back', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fb-secret-')), 'nested', 'secret');
    const first = resolveSecret({ file, production: false });
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSecret({ file, production: false })).toBe(first);
    expect(resolveSecret({ file, production: false, value: 'from the environment' })).toBe('from the environment');
  });

  it('requires FEEDBENCH_SECRET in production and refuses a secret file others can read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-secret-'));
    expect(() => resolveSecret({ file: path.join(dir, 's'), production: true })).toThrow(/FEEDBENCH_SECRET/);
    const loose = path.join(dir, 'loose');
    writeFileSync(loose, 'secret', { mode: 0o644 });
    expect(() => resolveSecret({ file: loose, production: false })).toThrow(/chmod 600/);
  });
});
