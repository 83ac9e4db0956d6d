import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * API keys of model connections at rest: AES-256-GCM (authenticated: a changed ciphertext fails instead of decrypting
 * to garbage) under a key derived with HKDF-SHA256 (RFC 5869) from the server secret, so the secret itself is never
 * the cipher key and other uses can derive keys of their own with another `info`. The connection id is the
 * associated data: a ciphertext copied onto another row does not decrypt there.
 * Stored form: `v1.<iv>.<tag>.<ciphertext>` (base64url; 96-bit random IV per encryption, NIST SP 800-38D §8.2.2).
 */
const VERSION = 'v1';
const HKDF_INFO = 'feedbench model-connection api-key v1';

export interface ApiKeyCipher {
  encrypt(plaintext: string, connectionId: string): string;
  decrypt(stored: string, connectionId: string): string;
}

export function createApiKeyCipher(secret: string): ApiKeyCipher {
  const key = Buffer.from(hkdfSync('sha256', secret, 'feedbench', HKDF_INFO, 32));
  return {
    encrypt(plaintext, connectionId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(connectionId));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt(stored, connectionId) {
      const [version, iv, tag, body] = stored.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unknown API key format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(connectionId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** Where the server secret comes from (config.ts: FEEDBENCH_SECRET, FEEDBENCH_SECRET_FILE). */
export interface SecretSource {
  /** FEEDBENCH_SECRET, when set. */
  value?: string;
  /** Without a value: the file that keeps a generated one (development and the embedded demo only). */
  file: string;
  production: boolean;
}

export class SecretUnavailableError extends Error {}

/**
 * The secret, resolved on first use (an instance that never stores a key never needs one):
 * - FEEDBENCH_SECRET when set (required in production: several instances must share it, and a secret generated on one
 *   machine's disk would be lost with that disk, taking every stored key with it);
 * - otherwise, outside production, a random 256-bit secret generated once into FEEDBENCH_SECRET_FILE with mode 0600
 *   (beside the embedded database) and read back at each start. A file readable by others is refused, like ssh does.
 */
export function resolveSecret(source: SecretSource): string {
  if (source.value) return source.value;
  if (source.production) {
    throw new SecretUnavailableError(
      'FEEDBENCH_SECRET is not set: with NODE_ENV=production model API keys are only stored under a secret from the environment',
    );
  }
  try {
    const mode = statSync(source.file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new SecretUnavailableError(
        `${source.file} is readable by other users (mode ${mode.toString(8)}): run chmod 600 on it`,
      );
    }
    return readFileSync(source.file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(source.file), { recursive: true });
  const generated = randomBytes(32).toString('base64url');
  // `wx`: if another process created it meanwhile, read theirs instead of overwriting it.
  try {
    writeFileSync(source.file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(source.file, 0o600);
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(source.file, 'utf8').trim();
    throw error;
  }
}
