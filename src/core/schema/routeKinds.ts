import { backendRef, hostnames, httpFilters, httpMatches, parentRefs } from './blocks';
import { arr, GATEWAY_DURATION, int, obj, str } from './dsl';
import type { KindDefinition, Schema } from './types';

const policyRuleFilters = httpFilters(['RequestHeaderModifier', 'RequestRedirect']);
const policyBackendFilters = httpFilters(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect']);

const policyRoute = (version: 'early' | 'v1beta2' | 'v1beta3'): Schema => {
  const backends =
    version === 'early'
      ? arr(obj({ name: str(), port: int({ format: 'int32' }), namespace: str({ default: 'default' }), filters: policyBackendFilters }))
      : arr(backendRef(policyBackendFilters), { maxItems: 16 });
  const rule: Record<string, Schema> = { matches: httpMatches, filters: policyRuleFilters, backendRefs: backends };
  if (version === 'v1beta3') rule.timeouts = obj({ request: str({ format: 'duration' }), backendRequest: str({ format: 'duration' }) });
  return obj({ parentRefs: parentRefs('policy.linkerd.io', version !== 'early'), hostnames, rules: arr(obj(rule), { maxItems: 16 }) });
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
const localObjectRef = obj({ group: str(), kind: str(), name: str() }, ['group', 'kind', 'name']);
const gatewayHttpFilters = httpFilters(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef'], {
  requestMirror: obj({ backendRef: backendRef(arr(obj({}))), percent: int({ minimum: 0, maximum: 100 }) }, ['backendRef']),
  urlRewrite: obj({ hostname: str(), path: obj({ type: str({ enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }), replaceFullPath: str(), replacePrefixMatch: str() }, ['type']) }),
  extensionRef: localObjectRef,
});

const gatewayHttpRouteSpec: Schema = obj({
  parentRefs: parentRefs(GATEWAY, true),
  hostnames,
  rules: arr(
    obj({
      name: str(),
      matches: httpMatches,
      filters: gatewayHttpFilters,
      backendRefs: arr(backendRef(gatewayHttpFilters), { maxItems: 16 }),
      timeouts: obj({ request: str({ pattern: GATEWAY_DURATION }), backendRequest: str({ pattern: GATEWAY_DURATION }) }),
      sessionPersistence: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    }),
    { maxItems: 16 },
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

const grpcFilters = httpFilters(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'], {
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
          headers: arr(obj({ name: str({ minLength: 1, maxLength: 256 }), type: str({ enum: ['Exact', 'RegularExpression'], default: 'Exact' }), value: str({ minLength: 1, maxLength: 4096 }) }, ['name', 'value']), { maxItems: 16 }),
        }),
        { maxItems: 8 },
      ),
      filters: grpcFilters,
      backendRefs: arr(backendRef(grpcFilters), { maxItems: 16 }),
      sessionPersistence: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
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

const streamRules = arr(obj({ name: str(), backendRefs: arr(backendRef(arr(obj({}))), { maxItems: 16 }) }), { minItems: 1, maxItems: 16 });

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
