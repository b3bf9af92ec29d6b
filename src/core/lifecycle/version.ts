/** Parses `v1.31.2`, `1.31.0+k3s1`, `v1.32.0-gke.100` into numbers for comparison. */
export function parseKubeVersion(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** True when `v` is at least `min`; unparsable versions count as too old, so the user hears about them. */
export function atLeast(v: string, min: string): boolean {
  const a = parseKubeVersion(v);
  const b = parseKubeVersion(min);
  if (!a || !b) return false;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}
