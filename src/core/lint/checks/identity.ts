/** Mesh identity strings as the policy webhook validates them (MeshTLSAuthentication `identities`). */
const DNS_IDENTITY = /^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why an identity is rejected, or undefined when it is valid. */
export function identityProblem(id: string): string | undefined {
  if (!id.startsWith('spiffe://')) {
    return DNS_IDENTITY.test(id) ? undefined : 'it must be a SPIFFE id (spiffe://…) or a DNS-like name of lowercase labels, optionally starting with a single `*` label';
  }
  const rest = id.slice('spiffe://'.length);
  const slash = rest.indexOf('/');
  const trustDomain = slash < 0 ? rest : rest.slice(0, slash);
  if (!trustDomain) return 'the SPIFFE trust domain is missing';
  if (!/^[a-z0-9._-]+$/.test(trustDomain)) return 'SPIFFE trust domain characters are limited to lowercase letters, numbers, dots, dashes and underscores';
  if (slash < 0) return undefined;
  const path = rest.slice(slash);
  if (path.endsWith('/')) return 'a SPIFFE path cannot end with a slash';
  for (const segment of path.slice(1).split('/')) {
    if (segment === '') return 'a SPIFFE path cannot contain empty segments';
    if (segment === '.' || segment === '..') return 'a SPIFFE path cannot contain dot segments';
    if (!/^[A-Za-z0-9._-]+$/.test(segment)) return 'SPIFFE path segment characters are limited to letters, numbers, dots, dashes and underscores';
  }
  return undefined;
}
