/**
 * Every check of Linkerd 2.20's admission webhooks, read from linkerd/linkerd2 at edge-26.6.3, with the lint
 * codes that report it (empty: not covered). Each code's fixtures hold a bad case for it.
 */
export interface WebhookCheck {
  readonly where: string;
  readonly what: string;
  readonly codes: readonly string[];
}

const ADMISSION = 'policy-controller/runtime/src/admission.rs';
const HTTP = 'policy-controller/k8s/index/src/routes/http.rs';
const GRPC = 'policy-controller/k8s/index/src/routes/grpc.rs';
const OUTBOUND = 'policy-controller/k8s/index/src/outbound/index';
const API = 'policy-controller/k8s/api/src';

/** The policy validator (linkerd-policy-validator): decoding into Linkerd's types, then `Validate<…>`. */
export const WEBHOOK_CHECKS: readonly WebhookCheck[] = [
  { where: `${API}/policy/server.rs`, what: 'Server port is 1–65535 or a name', codes: ['MA201'] },
  { where: `${API}/policy/server.rs`, what: 'Server proxyProtocol is a known protocol', codes: ['MA202'] },
  { where: `${API}/labels.rs`, what: 'matchLabels values are strings', codes: ['MA204'] },
  { where: `${API}/policy/network.rs`, what: 'network cidr and except parse as IP networks', codes: ['MA205'] },
  { where: `${API}/policy/meshtls_authentication.rs`, what: 'identityRefs have a name', codes: ['MA213'] },
  { where: `${API}/policy/ratelimit_policy.rs`, what: 'requestsPerSecond fits a u32', codes: ['MA225'] },
  { where: `${API}/policy/httproute.rs`, what: 'HTTPRoute rule filters carry the settings their type names', codes: ['MA228'] },
  { where: `${API}/policy/httproute.rs`, what: 'HTTPRoute backendRefs have a name', codes: ['MA228'] },
  { where: `${API}/duration.rs`, what: 'HTTPRoute timeouts are durations', codes: ['MA218'] },
  { where: `${ADMISSION} AuthorizationPolicy`, what: 'a Namespace target is the policy’s own namespace', codes: ['MA209'] },
  { where: `${ADMISSION} AuthorizationPolicy`, what: 'at most one MeshTLSAuthentication', codes: ['MA210'] },
  { where: `${ADMISSION} AuthorizationPolicy`, what: 'at most one ServiceAccount', codes: ['MA210'] },
  { where: `${ADMISSION} AuthorizationPolicy`, what: 'not a MeshTLSAuthentication and a ServiceAccount together', codes: ['MA210'] },
  { where: `${ADMISSION} AuthorizationPolicy`, what: 'at most one NetworkAuthentication', codes: ['MA210'] },
  { where: `${ADMISSION} AuthorizationPolicy`, what: 'only supported authentication kinds', codes: ['MA210'] },
  { where: 'policy-controller/k8s/index/src/inbound/authorization_policy.rs', what: 'a supported target kind', codes: ['MA211'] },
  { where: `${ADMISSION} + runtime/src/validation.rs`, what: 'MeshTLSAuthentication identities are SPIFFE ids or DNS-like names', codes: ['MA212'] },
  { where: `${ADMISSION} validate_identity_ref`, what: 'a Namespace identityRef has no namespace', codes: ['MA213'] },
  { where: `${ADMISSION} validate_identity_ref`, what: 'identityRefs name ServiceAccounts or Namespaces', codes: ['MA213'] },
  { where: `${ADMISSION} Server`, what: 'accessPolicy is a default-policy name', codes: ['MA203'] },
  { where: `${ADMISSION} NetworkAuthentication`, what: 'at least one network', codes: ['MA207'] },
  { where: `${ADMISSION} EgressNetwork`, what: 'networks, when given, not empty', codes: ['MA207'] },
  { where: `${ADMISSION} validate_networks`, what: 'an exception does not negate its whole cidr', codes: ['MA206'] },
  { where: `${ADMISSION} validate_networks`, what: 'an exception lies inside its cidr', codes: ['MA206'] },
  { where: `${ADMISSION} ServerAuthorization`, what: 'not unauthenticated together with meshTLS', codes: ['MA208'] },
  { where: `${ADMISSION} ServerAuthorization`, what: 'not unauthenticatedTLS together with identities or serviceAccounts', codes: ['MA208'] },
  { where: `${ADMISSION} routes`, what: 'an EgressNetwork parent has a port', codes: ['MA219'] },
  { where: `${OUTBOUND}/http.rs parse_http_retry`, what: 'HTTP retry annotations parse (limit, conditions, timeout)', codes: ['MA220'] },
  { where: `${OUTBOUND}/grpc.rs parse_grpc_retry`, what: 'gRPC retry annotations parse', codes: ['MA220'] },
  { where: `${OUTBOUND}.rs parse_timeouts`, what: 'timeout annotations parse', codes: ['MA220'] },
  { where: `${HTTP} path_match`, what: 'Exact and PathPrefix paths are absolute', codes: ['MA214', 'MA110'] },
  { where: `${HTTP} path_match, header_match, query_param_match; ${GRPC}`, what: 'regular expressions compile (Rust regex)', codes: ['MA215'] },
  { where: `${HTTP} header_match; ${GRPC}`, what: 'header match names and Exact values are valid HTTP', codes: ['MA216'] },
  { where: `${HTTP} request_header_modifier, response_header_modifier; ${GRPC}`, what: 'header modifier names and values are valid HTTP', codes: ['MA216'] },
  { where: `${HTTP} path_modifier`, what: 'a redirect path has replaceFullPath or replacePrefixMatch', codes: ['MA217', 'MA110'] },
  { where: `${HTTP} path_modifier`, what: 'redirect paths are absolute', codes: ['MA217'] },
  { where: `${HTTP} req_redirect`, what: 'a redirect status is an HTTP status', codes: ['MA217'] },
  { where: `${ADMISSION} validate_timeouts`, what: 'backendRequest timeout not negative', codes: ['MA218'] },
  { where: `${ADMISSION} validate_timeouts`, what: 'request timeout not negative', codes: ['MA218'] },
  { where: `${ADMISSION} validate_timeouts`, what: 'backendRequest not above request', codes: ['MA218'] },
  { where: `${ADMISSION} validate_*_backend_if_service`, what: 'a Service backendRef has a port', codes: ['MA221', 'MA110'] },
  { where: `${GRPC} try_match`, what: 'no RegularExpression method matches', codes: ['MA222'] },
  { where: `${ADMISSION} TLSRoute, TCPRoute`, what: 'exactly one rule', codes: ['MA223'] },
  { where: `${ADMISSION} HTTPLocalRateLimitPolicy`, what: 'targets a Server', codes: ['MA224'] },
  { where: `${ADMISSION} HTTPLocalRateLimitPolicy`, what: 'total rate above 0', codes: ['MA225'] },
  { where: `${ADMISSION} HTTPLocalRateLimitPolicy`, what: 'identity rate not above total', codes: ['MA225'] },
  { where: `${ADMISSION} HTTPLocalRateLimitPolicy`, what: 'override rates not above total', codes: ['MA225'] },
  { where: `${ADMISSION} HTTPLocalRateLimitPolicy`, what: 'identity rate above 0', codes: ['MA225'] },
  { where: `${ADMISSION} HTTPLocalRateLimitPolicy`, what: 'override rates above 0', codes: ['MA225'] },
  { where: `${ADMISSION} HTTPLocalRateLimitPolicy`, what: 'override clientRefs are ServiceAccounts', codes: ['MA226'] },
];

const PROFILES = 'pkg/profiles/profiles.go';

/** The ServiceProfile validator (linkerd-sp-validator): `profiles.Validate`. */
export const SP_VALIDATOR_CHECKS: readonly WebhookCheck[] = [
  { where: `${PROFILES} UnmarshalStrict`, what: 'no unknown fields in nested conditions', codes: ['MA227'] },
  { where: `${PROFILES} UnmarshalStrict`, what: 'nested conditions have the Go types’ shapes', codes: ['MA227'] },
  { where: `${PROFILES} UnmarshalStrict`, what: 'a route condition’s not decodes as one condition', codes: ['MA227'] },
  { where: `${PROFILES} UnmarshalStrict`, what: 'opaquePorts decodes into a map', codes: ['MA227'] },
  { where: `${PROFILES} Validate`, what: 'the name is a DNS-1123 subdomain', codes: ['MA227'] },
  { where: `${PROFILES} Validate`, what: 'no null route', codes: ['MA102'] },
  { where: `${PROFILES} Validate`, what: 'routes have a name', codes: ['MA227', 'MA101'] },
  { where: `${PROFILES} Validate`, what: 'route timeouts are Go durations', codes: ['MA227'] },
  { where: `${PROFILES} Validate`, what: 'routes have a condition', codes: ['MA101'] },
  { where: `${PROFILES} ValidateRequestMatch`, what: 'request conditions set a field', codes: ['MA227'] },
  { where: `${PROFILES} ValidateRequestMatch`, what: 'no null condition in all/any', codes: ['MA102'] },
  { where: `${PROFILES} Validate`, what: 'no null response class', codes: ['MA102'] },
  { where: `${PROFILES} Validate`, what: 'response classes have a condition', codes: ['MA101'] },
  { where: `${PROFILES} ValidateResponseMatch`, what: 'response conditions set a field', codes: ['MA227'] },
  { where: `${PROFILES} ValidateResponseMatch`, what: 'status range minimum 100–599', codes: ['MA227'] },
  { where: `${PROFILES} ValidateResponseMatch`, what: 'status range maximum 100–599', codes: ['MA227'] },
  { where: `${PROFILES} ValidateResponseMatch`, what: 'status range maximum not below minimum', codes: ['MA227'] },
  { where: `${PROFILES} Validate`, what: 'retryRatio not negative', codes: ['MA227'] },
  { where: `${PROFILES} Validate`, what: 'a retry budget has a ttl', codes: ['MA227', 'MA101'] },
  { where: `${PROFILES} Validate`, what: 'ttl is a Go duration', codes: ['MA227'] },
];
