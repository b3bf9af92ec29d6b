/** Label sets as they appear on series, in Prometheus results and in our aggregations. */
export type Labels = Record<string, string>;

/**
 * A canonical identity for a label set, independent of label order: what Prometheus means by "the same series".
 * `omit` leaves one label out, e.g. `le` to find the histogram a bucket belongs to.
 */
export function labelsKey(labels: Labels, omit?: string): string {
  let key = '';
  for (const name of Object.keys(labels).sort()) {
    if (name !== omit) key += `${name}\u0000${labels[name]}\u0001`;
  }
  return key;
}
