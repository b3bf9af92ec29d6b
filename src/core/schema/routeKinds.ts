import { backendRef, DEFAULT_HTTP_RULES, hostnames, httpFilters, httpMatches, parentRefs, refGroup, refKind, refName } from './blocks';
import { arr, DNS_SUBDOMAIN, GATEWAY_DURATION, HEADER_NAME, int, obj, str } from './dsl';
import type { KindDefinition, Schema } from './types';

const policyRuleFilters = httpFilters(['RequestHeaderModifier', 'RequestRedirect'], false);
const policyBackendFilters = httpFilters(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect'], false);

const policyRoute = (version: 'early' | 'v1beta2' | 'v1beta3'): Schema => {
  const backends =
    version === 'early'
      ? arr(obj({ name: str(), port: int({ format: 'int32' }), namespace: str({ default: 'default' }), filters: policyBackendFilters }))
      : arr(backendRef(policyBackendFilters), { maxItems: 16 });
  const rule: Record<string, Schema> = { matches: httpMatches(false), filters: policyRuleFilters, backendRefs: backends };
  if (version === 'v1beta3') rule.timeouts = obj({ request: str({ format: 'duration' }), backendRequest: str({ format: 'duration' }) });
  return obj({ parentRefs: parentRefs('policy.linkerd.io', version !== 'early'), hostnames, rules: arr(obj(rule), { maxItems: 16, default: DEFAULT_HTTP_RULES }) });
};

export const policyHTTPRoute: KindDefinition = {
  group: 'policy.linkerd.io',
  kind: 'HTTPRoute',
  plural: 'httproutes',
  specRequired: true,
  versions: [
    { name: 'v1alpha1', storage: false, status: true, spec: policyRoute('early') },
    { name: 'v1beta1', storage: false, status: true, spec: policyRoute('early') },
    { name: 'v1beta2', storage: false, status: true, spec: policyRoute('v1beta2') },
    { name: 'v1beta3', storage: true, status: true, spec: policyRoute('v1beta3') },
  ],
};

const GATEWAY = 'gateway.networking.k8s.io';
const localObjectRef = obj({ group: refGroup, kind: refKind, name: refName }, ['group', 'kind', 'name']);
const gatewayHttpFilters = httpFilters(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef'], true, {
  requestMirror: obj({ backendRef: backendRef(arr(obj({}))), percent: int({ minimum: 0, maximum: 100 }) }, ['backendRef']),
  urlRewrite: obj({
    hostname: str({ minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN }),
    path: obj({ type: str({ enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }), replaceFullPath: str({ maxLength: 1024 }), replacePrefixMatch: str({ maxLength: 1024 }) }, ['type']),
  }),
  extensionRef: localObjectRef,
});

/** Session persistence (Gateway API experimental), which Linkerd ignores but the API server validates. */
const sessionPersistence: Schema = obj({
  sessionName: str({ maxLength: 128 }),
  absoluteTimeout: str({ pattern: GATEWAY_DURATION }),
  idleTimeout: str({ pattern: GATEWAY_DURATION }),
  type: str({ enum: ['Cookie', 'Header'], default: 'Cookie' }),
  cookieConfig: obj({ lifetimeType: str({ enum: ['Permanent', 'Session'], default: 'Session' }) }),
});

const gatewayHttpRouteSpec: Schema = obj({
  parentRefs: parentRefs(GATEWAY, true),
  hostnames,
  rules: arr(
    obj({
      name: str(),
      matches: httpMatches(true),
      filters: gatewayHttpFilters,
      backendRefs: arr(backendRef(gatewayHttpFilters), { maxItems: 16 }),
      timeouts: obj({ request: str({ pattern: GATEWAY_DURATION }), backendRequest: str({ pattern: GATEWAY_DURATION }) }),
      sessionPersistence,
    }),
    { maxItems: 16, default: DEFAULT_HTTP_RULES },
  ),
});

export const gatewayHTTPRoute: KindDefinition = {
  group: GATEWAY,
  kind: 'HTTPRoute',
  plural: 'httproutes',
  specRequired: true,
  versions: [
    { name: 'v1', storage: true, status: true, spec: gatewayHttpRouteSpec },
    { name: 'v1beta1', storage: false, status: true, spec: gatewayHttpRouteSpec },
  ],
};

const grpcFilters = httpFilters(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'], true, {
  requestMirror: obj({ backendRef: backendRef(arr(obj({}))) }, ['backendRef']),
  extensionRef: localObjectRef,
});
const grpcRouteSpec: Schema = obj({
  parentRefs: parentRefs(GATEWAY, true),
  hostnames,
  rules: arr(
    obj({
      name: str(),
      matches: arr(
        obj({
          method: obj({ type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }), service: str({ maxLength: 1024 }), method: str({ maxLength: 1024 }) }),
          headers: arr(
            obj({ name: str({ minLength: 1, maxLength: 256, pattern: HEADER_NAME }), type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }), value: str({ minLength: 1, maxLength: 4096 }) }, ['name', 'value']),
            { maxItems: 16, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
          ),
        }),
        { maxItems: 8 },
      ),
      filters: grpcFilters,
      backendRefs: arr(backendRef(grpcFilters), { maxItems: 16 }),
      sessionPersistence,
    }),
    { maxItems: 16 },
  ),
});

export const grpcRoute: KindDefinition = {
  group: GATEWAY,
  kind: 'GRPCRoute',
  plural: 'grpcroutes',
  specRequired: true,
  versions: [
    { name: 'v1', storage: true, status: true, spec: grpcRouteSpec },
    { name: 'v1alpha2', storage: false, status: true, deprecated: { replacement: 'v1', mechanical: true }, spec: grpcRouteSpec },
  ],
};

const streamRules = arr(obj({ name: str(), backendRefs: arr(backendRef(arr(obj({}))), { minItems: 1, maxItems: 16 }) }), { minItems: 1, maxItems: 16 });

export const tlsRoute: KindDefinition = {
  group: GATEWAY,
  kind: 'TLSRoute',
  plural: 'tlsroutes',
  specRequired: true,
  versions: [{ name: 'v1alpha2', storage: true, status: true, spec: obj({ parentRefs: parentRefs(GATEWAY, true), hostnames, rules: streamRules }, ['rules']) }],
};

export const tcpRoute: KindDefinition = {
  group: GATEWAY,
  kind: 'TCPRoute',
  plural: 'tcproutes',
  specRequired: true,
  versions: [{ name: 'v1alpha2', storage: true, status: true, spec: obj({ parentRefs: parentRefs(GATEWAY, true), rules: streamRules }, ['rules']) }],
};
