/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts (HTTPS or localhost); a self-hosted server
 * reached over plain HTTP on a LAN address still needs idempotency keys, so fall back to getRandomValues (RFC 9562,
 * section 5.4: version and variant bits set on 122 random bits).
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
