/** The alphabet Kubernetes uses for generated name parts, chosen to avoid vowels and look-alike characters. */
const SAFE_ALPHABET = 'bcdf' + 'ghjklmnpqrstvwxz2456789';

/** A pod-template-hash style digest: FNV-1a over the JSON, its decimal digits mapped into the safe alphabet. */
export function templateHash(template: unknown): string {
  const text = JSON.stringify(template ?? {});
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return [...String(hash)].map((digit) => SAFE_ALPHABET[digit.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}
