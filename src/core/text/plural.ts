/**
 * A count with its noun, singular only for exactly one: "1 pod", "0 pods", "3 pods". Every message that counts
 * something says it through here, never "pod(s)". Regular English plurals are formed (proxy → proxies,
 * class → classes); pass `pluralForm` for the rest.
 */
export function plural(n: number, singular: string, pluralForm?: string): string {
  return `${n} ${n === 1 ? singular : (pluralForm ?? pluralOf(singular))}`;
}

function pluralOf(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}
