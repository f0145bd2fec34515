/**
 * PKCE (RFC 7636, S256) and the `state` of one sign-in. Three lines over node:crypto, so no library:
 * a 32-byte random verifier (43 base64url characters), its SHA-256 challenge, a 16-byte state.
 */
import { createHash, randomBytes } from 'node:crypto';

/** One sign-in's secrets: the verifier stays in this process; the challenge and state go to the browser. */
export interface PkcePair {
  verifier: string;
  challenge: string;
  state: string;
}

/** The S256 challenge of a verifier. */
export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh verifier, challenge and state. */
export function createPkce(random: (n: number) => Buffer = randomBytes): PkcePair {
  const verifier = random(32).toString('base64url');
  return { verifier, challenge: challengeOf(verifier), state: random(16).toString('base64url') };
}
