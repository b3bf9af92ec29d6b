import { backendRef, DEFAULT_HTTP_RULES, headerModifier, hostnames, httpFilter, httpFilters, httpMatches, parentRefs, refGroup, refKind, refName, requestRedirect, urlRewrite } from './blocks';
import { arr, GATEWAY_DURATION, HEADER_NAME, int, listMap, obj, str } from './dsl';
import * as R from './gatewayRules';
import { routeStatus } from './statusBlocks';
import type { KindDefinition, PrinterColumn, Schema } from './types';

const POLICY = 'policy.linkerd.io';
const GATEWAY = 'gateway.networking.k8s.io';

const HOSTNAMES_COLUMN: PrinterColumn = { name: 'Hostnames', type: 'string', jsonPath: '.spec.hostnames' };
const AGE_COLUMN: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

/** The Gateway API bundle linkerd-crds installs, recorded on each of its CRDs. */
const GATEWAY_BUNDLE = {
  'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/2997',
  'gateway.networking.k8s.io/bundle-version': 'v1.1.1',
  'gateway.networking.k8s.io/channel': 'experimental',
  'helm.sh/resource-policy': 'keep',
};

// ---- Linkerd's HTTPRoute (policy.linkerd.io) ----

const policyRuleFilters = httpFilters(
  httpFilter(['RequestHeaderModifier', 'RequestRedirect'], { requestHeaderModifier: headerModifier('request', false), requestRedirect: requestRedirect() }),
  "Changes the rule makes to matching requests, in order, before they are forwarded.",
);
const policyBackendFilters = httpFilters(
  httpFilter(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect'], {
    requestHeaderModifier: headerModifier('request', false),
    requestRedirect: requestRedirect(),
    responseHeaderModifier: headerModifier('response', false),
  }),
  'Changes made to requests sent to this backend (and to their responses).',
);

const policyRoute = (version: 'early' | 'v1beta2' | 'v1beta3'): Schema => {
  const backends =
    version === 'early'
      ? arr(obj({ filters: policyBackendFilters, name: str(), namespace: str({ default: 'default' }), port: int() }))
      : arr(backendRef({ description: 'A backend to forward matching requests to.', filters: policyBackendFilters }), {
          description: 'Where matching requests go; the destination they were sent to when empty.',
          maxItems: 16,
        });
  const rule: Record<string, Schema> = { backendRefs: backends, filters: policyRuleFilters, matches: httpMatches(false) };
  if (version === 'v1beta3') {
    rule.timeouts = obj(
      {
        backendRequest: str({ description: 'How long one attempt to a backend may take, as a Go duration (0s: no limit).', format: 'duration' }),
        request: str({ description: 'How long the whole request may take, retries included, as a Go duration (0s: no limit).', format: 'duration' }),
      },
      [],
      'Time limits for matching requests.',
    );
  }
  return obj(
    {
      hostnames,
      parentRefs: parentRefs(POLICY, { portRange: version !== 'early' }),
      rules: arr(obj(rule, [], 'Which requests the rule matches and how they are treated.'), {
        description: 'How the route treats requests: the most specific matching rule applies. A route without rules matches every request.',
        maxItems: 16,
        default: DEFAULT_HTTP_RULES,
      }),
    },
    [],
    'The requests the route matches on its parents and what happens to them.',
  );
};

export const policyHTTPRoute: KindDefinition = {
  group: POLICY,
  kind: 'HTTPRoute',
  plural: 'httproutes',
  specRequired: true,
  listKind: true,
  envelope: 'described',
  description: "Linkerd's HTTP route: which requests to a Server or Service it matches, and how the proxies handle them.",
  versions: (['v1alpha1', 'v1beta1', 'v1beta2', 'v1beta3'] as const).map((name) => ({
    name,
    storage: name === 'v1beta3',
    status: routeStatus(POLICY),
    printerColumns: [HOSTNAMES_COLUMN, AGE_COLUMN],
    spec: policyRoute(name === 'v1alpha1' || name === 'v1beta1' ? 'early' : name),
  })),
};

// ---- Gateway API routes ----

const extensionRef = obj(
  {
    group: refGroup('API group of the extension resource.'),
    kind: refKind('Kind of the extension resource.'),
    name: refName('Name of the extension resource.'),
  },
  ['group', 'kind', 'name'],
  'A resource of an implementation-specific filter.',
);

const mirror = obj(
  { backendRef: backendRef({ description: 'The backend that receives the copies.', weight: false, rules: [R.SERVICE_NEEDS_PORT] }) },
  ['backendRef'],
  'Sends a copy of each request to another backend, ignoring its responses.',
);

const PATH_MODIFIER_RULES = [R.PATH_FULL_NEEDS_VALUE, R.PATH_FULL_ONLY, R.PATH_PREFIX_NEEDS_VALUE, R.PATH_PREFIX_ONLY];
const FILTER_FIELD_RULES = [
  R.FILTER_ONLY_REQUEST_HEADER_MODIFIER,
  R.FILTER_NEEDS_REQUEST_HEADER_MODIFIER,
  R.FILTER_ONLY_RESPONSE_HEADER_MODIFIER,
  R.FILTER_NEEDS_RESPONSE_HEADER_MODIFIER,
  R.FILTER_ONLY_REQUEST_MIRROR,
  R.FILTER_NEEDS_REQUEST_MIRROR,
];
const HTTP_FILTER_RULES = [...FILTER_FIELD_RULES, R.FILTER_ONLY_REQUEST_REDIRECT, R.FILTER_NEEDS_REQUEST_REDIRECT, R.FILTER_ONLY_URL_REWRITE, R.FILTER_NEEDS_URL_REWRITE, R.FILTER_ONLY_EXTENSION_REF, R.FILTER_NEEDS_EXTENSION_REF];
const GRPC_FILTER_RULES = [...FILTER_FIELD_RULES, R.FILTER_ONLY_EXTENSION_REF, R.FILTER_NEEDS_EXTENSION_REF];
const ONE_OF_EACH = [R.FILTERS_ONE_REQUEST_HEADER_MODIFIER, R.FILTERS_ONE_RESPONSE_HEADER_MODIFIER];
const HTTP_LIST_RULES = [R.FILTERS_REDIRECT_OR_REWRITE, ...ONE_OF_EACH, R.FILTERS_ONE_REDIRECT, R.FILTERS_ONE_REWRITE];

const gatewayHttpFilter = httpFilter(
  ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef'],
  {
    extensionRef,
    requestHeaderModifier: headerModifier('request', true),
    requestMirror: mirror,
    requestRedirect: requestRedirect(PATH_MODIFIER_RULES),
    responseHeaderModifier: headerModifier('response', true),
    urlRewrite: urlRewrite(PATH_MODIFIER_RULES),
  },
  HTTP_FILTER_RULES,
);

/** Session persistence (Gateway API experimental), which Linkerd ignores but the API server validates. */
const sessionPersistence: Schema = obj(
  {
    absoluteTimeout: str({ description: 'How long a session lasts from its start, whatever its activity.', pattern: GATEWAY_DURATION }),
    cookieConfig: obj(
      { lifetimeType: str({ description: 'Permanent (with an expiry) or Session (the default, ending with the browser session).', enum: ['Permanent', 'Session'], default: 'Session' }) },
      [],
      'The cookie that carries the session, for type Cookie.',
    ),
    idleTimeout: str({ description: 'How long a session lasts without requests.', pattern: GATEWAY_DURATION }),
    sessionName: str({ description: 'The name of the cookie or header that carries the session.', maxLength: 128 }),
    type: str({ description: 'What carries the session: a Cookie (the default) or a Header.', enum: ['Cookie', 'Header'], default: 'Cookie' }),
  },
  [],
  { description: 'Keeps the requests of one session on the same backend.', 'x-kubernetes-validations': [R.SESSION_PERMANENT_COOKIE_TIMEOUT] },
);

const PATH_RULES = [
  R.PATH_ABSOLUTE,
  R.PATH_NO_DOUBLE_SLASH,
  R.PATH_NO_DOT_SEGMENT,
  R.PATH_NO_DOT_DOT_SEGMENT,
  R.PATH_NO_ENCODED_SLASH_LOWER,
  R.PATH_NO_ENCODED_SLASH_UPPER,
  R.PATH_NO_FRAGMENT,
  R.PATH_NO_TRAILING_DOT_DOT,
  R.PATH_NO_TRAILING_DOT,
  R.PATH_TYPE_KNOWN,
  R.PATH_CHARACTERS,
];

const gatewayParentRefs = parentRefs(GATEWAY, { portRange: true, rules: [R.PARENT_SAME_PARENT_SECTION_OR_PORT, R.PARENT_SAME_PARENT_UNIQUE] });

const gatewayHttpRouteSpec: Schema = obj(
  {
    hostnames,
    parentRefs: gatewayParentRefs,
    rules: arr(
      obj(
        {
          backendRefs: arr(
            backendRef({
              description: 'A backend to forward matching requests to.',
              filters: httpFilters(gatewayHttpFilter, 'Changes made to requests sent to this backend (and to their responses).', [R.FILTERS_REDIRECT_OR_REWRITE, ...HTTP_LIST_RULES]),
              rules: [R.SERVICE_NEEDS_PORT],
            }),
            { description: 'Where matching requests go, split by weight; with none, the gateway answers them itself (500, or the redirect).', maxItems: 16 },
          ),
          filters: httpFilters(gatewayHttpFilter, 'Changes the rule makes to matching requests, in order, before they are forwarded.', HTTP_LIST_RULES),
          matches: httpMatches(true, PATH_RULES),
          sessionPersistence,
          timeouts: obj(
            {
              backendRequest: str({ description: 'How long one attempt to a backend may take (0s: no limit).', pattern: GATEWAY_DURATION }),
              request: str({ description: 'How long the whole request may take, retries included (0s: no limit).', pattern: GATEWAY_DURATION }),
            },
            [],
            { description: 'Time limits for matching requests.', 'x-kubernetes-validations': [R.TIMEOUT_BACKEND_WITHIN_REQUEST] },
          ),
        },
        [],
        {
          description: 'Which requests the rule matches and how they are treated.',
          'x-kubernetes-validations': [R.RULE_REDIRECT_WITHOUT_BACKENDS, R.RULE_REDIRECT_PREFIX_ONE_MATCH, R.RULE_REWRITE_PREFIX_ONE_MATCH, R.RULE_BACKEND_REDIRECT_PREFIX_ONE_MATCH, R.RULE_BACKEND_REWRITE_PREFIX_ONE_MATCH],
        },
      ),
      { description: 'How the route treats requests: the most specific matching rule applies. A route without rules matches every request.', maxItems: 16, default: DEFAULT_HTTP_RULES },
    ),
  },
  [],
  'The HTTP requests the route matches on its parents and what happens to them.',
);

export const gatewayHTTPRoute: KindDefinition = {
  group: GATEWAY,
  kind: 'HTTPRoute',
  plural: 'httproutes',
  specRequired: true,
  categories: ['gateway-api'],
  listKind: true,
  envelope: 'described',
  annotations: GATEWAY_BUNDLE,
  description: 'Routes HTTP requests from a Gateway listener, or to a Service in a mesh, to backends.',
  versions: (['v1', 'v1beta1'] as const).map((name) => ({ name, storage: name === 'v1', status: routeStatus(GATEWAY), printerColumns: [HOSTNAMES_COLUMN, AGE_COLUMN], spec: gatewayHttpRouteSpec })),
};

const grpcFilter = httpFilter(
  ['ResponseHeaderModifier', 'RequestHeaderModifier', 'RequestMirror', 'ExtensionRef'],
  { extensionRef, requestHeaderModifier: headerModifier('request', true), requestMirror: mirror, responseHeaderModifier: headerModifier('response', true) },
  GRPC_FILTER_RULES,
);

const grpcRouteSpec: Schema = obj(
  {
    hostnames,
    parentRefs: gatewayParentRefs,
    rules: arr(
      obj(
        {
          backendRefs: arr(
            backendRef({ description: 'A backend to forward matching calls to.', filters: httpFilters(grpcFilter, 'Changes made to calls sent to this backend (and to their responses).', ONE_OF_EACH), rules: [R.SERVICE_NEEDS_PORT] }),
            { description: 'Where matching calls go, split by weight.', maxItems: 16 },
          ),
          filters: httpFilters(grpcFilter, 'Changes the rule makes to matching calls, in order, before they are forwarded.', ONE_OF_EACH),
          matches: arr(
            obj(
              {
                headers: arr(
                  obj(
                    {
                      name: str({ description: 'The metadata key, matched without regard to case.', minLength: 1, maxLength: 256, pattern: HEADER_NAME }),
                      type: str({ description: 'How the value is compared: Exact (the default) or RegularExpression.', enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
                      value: str({ description: 'The value to match.', minLength: 1, maxLength: 4096 }),
                    },
                    ['name', 'value'],
                    'A metadata entry the call must carry with the given value.',
                  ),
                  { description: 'Metadata (headers) the call must carry; all of them must match.', maxItems: 16, ...listMap('name') },
                ),
                method: obj(
                  {
                    method: str({ description: 'The method name; any method of the service when left out.', maxLength: 1024 }),
                    service: str({ description: 'The fully qualified service name (package.Service); any service when left out.', maxLength: 1024 }),
                    type: str({ description: 'How service and method are compared: Exact (the default) or RegularExpression.', enum: ['Exact', 'RegularExpression'], default: 'Exact' }),
                  },
                  [],
                  { description: 'The gRPC service and method to match.', 'x-kubernetes-validations': [R.GRPC_METHOD_SERVICE_OR_METHOD, R.GRPC_SERVICE_CHARACTERS, R.GRPC_METHOD_CHARACTERS] },
                ),
              },
              [],
              'Conditions on a call, all of which must hold for the rule to apply.',
            ),
            { description: 'The calls the rule applies to: those that satisfy any one of these matches. Every call when left out.', maxItems: 8 },
          ),
          sessionPersistence,
        },
        [],
        'Which gRPC calls the rule matches and how they are treated.',
      ),
      { description: 'How the route treats calls: the most specific matching rule applies.', maxItems: 16 },
    ),
  },
  [],
  'The gRPC calls the route matches on its parents and what happens to them.',
);

export const grpcRoute: KindDefinition = {
  group: GATEWAY,
  kind: 'GRPCRoute',
  plural: 'grpcroutes',
  specRequired: false,
  categories: ['gateway-api'],
  listKind: true,
  envelope: 'described',
  annotations: GATEWAY_BUNDLE,
  description: 'Routes gRPC calls from a Gateway listener, or to a Service in a mesh, to backends.',
  versions: [
    { name: 'v1', storage: true, status: routeStatus(GATEWAY), printerColumns: [HOSTNAMES_COLUMN, AGE_COLUMN], spec: grpcRouteSpec },
    { name: 'v1alpha2', storage: false, status: routeStatus(GATEWAY), deprecated: { replacement: 'v1', mechanical: true }, printerColumns: [HOSTNAMES_COLUMN, AGE_COLUMN], spec: grpcRouteSpec },
  ],
};

const streamRules = arr(
  obj(
    {
      backendRefs: arr(backendRef({ description: 'A backend to forward matching connections to.', rules: [R.SERVICE_NEEDS_PORT] }), {
        description: 'Where matching connections go, split by weight.',
        minItems: 1,
        maxItems: 16,
      }),
    },
    [],
    'Where the connections the route matches go.',
  ),
  { description: 'The route\'s rules; connections are not matched further, so one rule is what implementations support.', minItems: 1, maxItems: 16 },
);

const streamRoute = (kind: 'TLSRoute' | 'TCPRoute', plural: string, what: string, spec: Record<string, Schema>): KindDefinition => ({
  group: GATEWAY,
  kind,
  plural,
  specRequired: true,
  categories: ['gateway-api'],
  listKind: true,
  envelope: 'described',
  annotations: GATEWAY_BUNDLE,
  description: `Forwards ${what} from a Gateway listener to backends.`,
  versions: [
    {
      name: 'v1alpha2',
      storage: true,
      status: routeStatus(GATEWAY),
      printerColumns: [AGE_COLUMN],
      spec: obj({ ...spec, parentRefs: gatewayParentRefs, rules: streamRules }, ['rules'], `The ${what} the route matches on its parents and where they go.`),
    },
  ],
});

export const tlsRoute = streamRoute('TLSRoute', 'tlsroutes', 'TLS connections, chosen by their SNI,', { hostnames });
export const tcpRoute = streamRoute('TCPRoute', 'tcproutes', 'TCP connections', {});
