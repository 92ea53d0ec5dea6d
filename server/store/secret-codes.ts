// Access codes and admin tokens: 24 random bytes (192 bits), URL-safe; the store keeps only their SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export const hashCode = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');
/** A new access code: 24 random bytes, URL-safe. */
export const newAccessCode = () => randomBytes(24).toString('base64url');
