/**
 * Audit mode as the proxy reports it. A Server with `accessPolicy: audit`, or the `audit` default policy,
 * ends its list of authorizations with the default authorization `audit`, which admits every client
 * (linkerd2 policy-controller k8s/index/src/inbound/index.rs appends `access_policy.default_authzs`;
 * linkerd2-proxy linkerd/app/inbound/src/policy/defaults.rs `audit`). The proxy then counts such a request in
 * `inbound_http_authz_allow_total` with `authz_kind="default"`, `authz_name="audit"` and logs "Request
 * allowed" (linkerd/app/inbound/src/policy/http.rs, tcp.rs: `authz.meta.is_audit()`): it would have been
 * denied without audit mode. Linkerd's controller keeps a Server's authorizations in a hash map, so the
 * order the proxy tries them in is not fixed: a request another authorization also admits may be counted
 * under `audit` too, which makes these numbers an upper bound of the would-be denials.
 */
import type { PolicyLabel } from './model';

export const AUDIT_TEXT = 'would be denied (audit)';

export function isAudit(authorization: PolicyLabel | null | undefined): boolean {
  return authorization?.kind === 'default' && authorization.name === 'audit';
}
