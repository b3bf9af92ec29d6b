/** The alphabet Kubernetes uses for generated name parts: no vowels, no look-alike characters. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** 32-bit FNV-1a, the hash Kubernetes uses for pod-template-hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** A pod-template-hash style digest: the template's hash in decimal, each digit mapped into the safe alphabet. */
export function templateHash(template: unknown): string {
  return [...String(fnv1a(JSON.stringify(template ?? {})))].map((digit) => SAFE_ALPHABET[digit.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}

/** The five random characters of a generateName suffix. */
export function randomSuffix(): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += SAFE_ALPHABET[Math.floor(Math.random() * SAFE_ALPHABET.length)];
  return suffix;
}
