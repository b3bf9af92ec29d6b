import { cel } from './dsl';

/**
 * The CEL rules of the Gateway API route CRDs Linkerd bundles (v1.1.1, experimental channel), as the API
 * server evaluates them. The rule expressions are the CRDs' own, since a CRD only means the same when its
 * rules say the same; the messages are ours. The lint implements each of them in lint/cel.
 */

export const PARENT_SAME_PARENT_SECTION_OR_PORT = cel(
  "self.all(p1, self.all(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name && (((!has(p1.__namespace__) || p1.__namespace__ == '') && (!has(p2.__namespace__) || p2.__namespace__ == '')) || (has(p1.__namespace__) && has(p2.__namespace__) && p1.__namespace__ == p2.__namespace__)) ? ((!has(p1.sectionName) || p1.sectionName == '') == (!has(p2.sectionName) || p2.sectionName == '') && (!has(p1.port) || p1.port == 0) == (!has(p2.port) || p2.port == 0)): true))",
  "Two parentRefs to the same parent must both set sectionName or port (or both leave them out), so the parent can tell them apart.",
);

export const PARENT_SAME_PARENT_UNIQUE = cel(
  "self.all(p1, self.exists_one(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name && (((!has(p1.__namespace__) || p1.__namespace__ == '') && (!has(p2.__namespace__) || p2.__namespace__ == '')) || (has(p1.__namespace__) && has(p2.__namespace__) && p1.__namespace__ == p2.__namespace__ )) && (((!has(p1.sectionName) || p1.sectionName == '') && (!has(p2.sectionName) || p2.sectionName == '')) || ( has(p1.sectionName) && has(p2.sectionName) && p1.sectionName == p2.sectionName)) && (((!has(p1.port) || p1.port == 0) && (!has(p2.port) || p2.port == 0)) || (has(p1.port) && has(p2.port) && p1.port == p2.port))))",
  "Two parentRefs to the same parent must differ in sectionName or port.",
);

export const RULE_REDIRECT_WITHOUT_BACKENDS = cel(
  "(has(self.backendRefs) && size(self.backendRefs) > 0) ? (!has(self.filters) || self.filters.all(f, !has(f.requestRedirect))): true",
  "A rule with backendRefs cannot also redirect: drop the RequestRedirect filter or the backendRefs.",
);

export const RULE_REDIRECT_PREFIX_ONE_MATCH = cel(
  "(has(self.filters) && self.filters.exists_one(f, has(f.requestRedirect) && has(f.requestRedirect.path) && f.requestRedirect.path.type == 'ReplacePrefixMatch' && has(f.requestRedirect.path.replacePrefixMatch))) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true",
  "A redirect that replaces the prefix needs the rule to have exactly one match, of type PathPrefix.",
);

export const RULE_REWRITE_PREFIX_ONE_MATCH = cel(
  "(has(self.filters) && self.filters.exists_one(f, has(f.urlRewrite) && has(f.urlRewrite.path) && f.urlRewrite.path.type == 'ReplacePrefixMatch' && has(f.urlRewrite.path.replacePrefixMatch))) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true",
  "A URL rewrite that replaces the prefix needs the rule to have exactly one match, of type PathPrefix.",
);

export const RULE_BACKEND_REDIRECT_PREFIX_ONE_MATCH = cel(
  "(has(self.backendRefs) && self.backendRefs.exists_one(b, (has(b.filters) && b.filters.exists_one(f, has(f.requestRedirect) && has(f.requestRedirect.path) && f.requestRedirect.path.type == 'ReplacePrefixMatch' && has(f.requestRedirect.path.replacePrefixMatch))) )) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true",
  "A backend's redirect that replaces the prefix needs the rule to have exactly one match, of type PathPrefix.",
);

export const RULE_BACKEND_REWRITE_PREFIX_ONE_MATCH = cel(
  "(has(self.backendRefs) && self.backendRefs.exists_one(b, (has(b.filters) && b.filters.exists_one(f, has(f.urlRewrite) && has(f.urlRewrite.path) && f.urlRewrite.path.type == 'ReplacePrefixMatch' && has(f.urlRewrite.path.replacePrefixMatch))) )) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true",
  "A backend's URL rewrite that replaces the prefix needs the rule to have exactly one match, of type PathPrefix.",
);

export const SERVICE_NEEDS_PORT = cel(
  "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true",
  "A reference to a Service must give its port.",
);

export const FILTERS_REDIRECT_OR_REWRITE = cel(
  "!(self.exists(f, f.type == 'RequestRedirect') && self.exists(f, f.type == 'URLRewrite'))",
  "Use either a RequestRedirect or a URLRewrite filter, not both.",
);

export const FILTERS_ONE_REQUEST_HEADER_MODIFIER = cel(
  "self.filter(f, f.type == 'RequestHeaderModifier').size() <= 1",
  "At most one RequestHeaderModifier filter.",
);

export const FILTERS_ONE_RESPONSE_HEADER_MODIFIER = cel(
  "self.filter(f, f.type == 'ResponseHeaderModifier').size() <= 1",
  "At most one ResponseHeaderModifier filter.",
);

export const FILTERS_ONE_REDIRECT = cel(
  "self.filter(f, f.type == 'RequestRedirect').size() <= 1",
  "At most one RequestRedirect filter.",
);

export const FILTERS_ONE_REWRITE = cel(
  "self.filter(f, f.type == 'URLRewrite').size() <= 1",
  "At most one URLRewrite filter.",
);

export const FILTER_ONLY_REQUEST_HEADER_MODIFIER = cel(
  "!(has(self.requestHeaderModifier) && self.type != 'RequestHeaderModifier')",
  "requestHeaderModifier belongs only to a filter of type RequestHeaderModifier.",
);

export const FILTER_NEEDS_REQUEST_HEADER_MODIFIER = cel(
  "!(!has(self.requestHeaderModifier) && self.type == 'RequestHeaderModifier')",
  "A RequestHeaderModifier filter needs its requestHeaderModifier.",
);

export const FILTER_ONLY_RESPONSE_HEADER_MODIFIER = cel(
  "!(has(self.responseHeaderModifier) && self.type != 'ResponseHeaderModifier')",
  "responseHeaderModifier belongs only to a filter of type ResponseHeaderModifier.",
);

export const FILTER_NEEDS_RESPONSE_HEADER_MODIFIER = cel(
  "!(!has(self.responseHeaderModifier) && self.type == 'ResponseHeaderModifier')",
  "A ResponseHeaderModifier filter needs its responseHeaderModifier.",
);

export const FILTER_ONLY_REQUEST_MIRROR = cel(
  "!(has(self.requestMirror) && self.type != 'RequestMirror')",
  "requestMirror belongs only to a filter of type RequestMirror.",
);

export const FILTER_NEEDS_REQUEST_MIRROR = cel(
  "!(!has(self.requestMirror) && self.type == 'RequestMirror')",
  "A RequestMirror filter needs its requestMirror.",
);

export const FILTER_ONLY_REQUEST_REDIRECT = cel(
  "!(has(self.requestRedirect) && self.type != 'RequestRedirect')",
  "requestRedirect belongs only to a filter of type RequestRedirect.",
);

export const FILTER_NEEDS_REQUEST_REDIRECT = cel(
  "!(!has(self.requestRedirect) && self.type == 'RequestRedirect')",
  "A RequestRedirect filter needs its requestRedirect.",
);

export const FILTER_ONLY_URL_REWRITE = cel(
  "!(has(self.urlRewrite) && self.type != 'URLRewrite')",
  "urlRewrite belongs only to a filter of type URLRewrite.",
);

export const FILTER_NEEDS_URL_REWRITE = cel(
  "!(!has(self.urlRewrite) && self.type == 'URLRewrite')",
  "A URLRewrite filter needs its urlRewrite.",
);

export const FILTER_ONLY_EXTENSION_REF = cel(
  "!(has(self.extensionRef) && self.type != 'ExtensionRef')",
  "extensionRef belongs only to a filter of type ExtensionRef.",
);

export const FILTER_NEEDS_EXTENSION_REF = cel(
  "!(!has(self.extensionRef) && self.type == 'ExtensionRef')",
  "An ExtensionRef filter needs its extensionRef.",
);

export const PATH_FULL_NEEDS_VALUE = cel(
  "self.type == 'ReplaceFullPath' ? has(self.replaceFullPath) : true",
  "A ReplaceFullPath modifier needs replaceFullPath.",
);

export const PATH_FULL_ONLY = cel(
  "has(self.replaceFullPath) ? self.type == 'ReplaceFullPath' : true",
  "replaceFullPath goes with type ReplaceFullPath.",
);

export const PATH_PREFIX_NEEDS_VALUE = cel(
  "self.type == 'ReplacePrefixMatch' ? has(self.replacePrefixMatch) : true",
  "A ReplacePrefixMatch modifier needs replacePrefixMatch.",
);

export const PATH_PREFIX_ONLY = cel(
  "has(self.replacePrefixMatch) ? self.type == 'ReplacePrefixMatch' : true",
  "replacePrefixMatch goes with type ReplacePrefixMatch.",
);

export const PATH_ABSOLUTE = cel(
  "(self.type in ['Exact','PathPrefix']) ? self.value.startsWith('/') : true",
  "An Exact or PathPrefix path must start with '/'.",
);

export const PATH_NO_DOUBLE_SLASH = cel(
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('//') : true",
  "An Exact or PathPrefix path cannot contain '//'.",
);

export const PATH_NO_DOT_SEGMENT = cel(
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('/./') : true",
  "An Exact or PathPrefix path cannot contain '/./'.",
);

export const PATH_NO_DOT_DOT_SEGMENT = cel(
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('/../') : true",
  "An Exact or PathPrefix path cannot contain '/../'.",
);

export const PATH_NO_ENCODED_SLASH_LOWER = cel(
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('%2f') : true",
  "An Exact or PathPrefix path cannot contain an encoded slash, '%2f'.",
);

export const PATH_NO_ENCODED_SLASH_UPPER = cel(
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('%2F') : true",
  "An Exact or PathPrefix path cannot contain an encoded slash, '%2F'.",
);

export const PATH_NO_FRAGMENT = cel(
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('#') : true",
  "An Exact or PathPrefix path cannot contain '#'.",
);

export const PATH_NO_TRAILING_DOT_DOT = cel(
  "(self.type in ['Exact','PathPrefix']) ? !self.value.endsWith('/..') : true",
  "An Exact or PathPrefix path cannot end with '/..'.",
);

export const PATH_NO_TRAILING_DOT = cel(
  "(self.type in ['Exact','PathPrefix']) ? !self.value.endsWith('/.') : true",
  "An Exact or PathPrefix path cannot end with '/.'.",
);

export const PATH_TYPE_KNOWN = cel(
  "self.type in ['Exact','PathPrefix'] || self.type == 'RegularExpression'",
  "A path match is Exact, PathPrefix or RegularExpression.",
);

export const PATH_CHARACTERS = cel(
  "(self.type in ['Exact','PathPrefix']) ? self.value.matches(r\"\"\"^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$\"\"\") : true",
  "An Exact or PathPrefix path may hold only URL path characters and %-escapes.",
);

export const SESSION_PERMANENT_COOKIE_TIMEOUT = cel(
  "!has(self.cookieConfig) || !has(self.cookieConfig.lifetimeType) || self.cookieConfig.lifetimeType != 'Permanent' || has(self.absoluteTimeout)",
  "A Permanent session cookie needs an absoluteTimeout.",
);

export const TIMEOUT_BACKEND_WITHIN_REQUEST = cel(
  "!(has(self.request) && has(self.backendRequest) && duration(self.request) != duration('0s') && duration(self.backendRequest) > duration(self.request))",
  "The backend request timeout cannot exceed the request timeout.",
);

export const GRPC_METHOD_SERVICE_OR_METHOD = cel(
  "has(self.type) ? has(self.service) || has(self.method) : true",
  "A gRPC method match names a service, a method, or both.",
);

export const GRPC_SERVICE_CHARACTERS = cel(
  "(!has(self.type) || self.type == 'Exact') && has(self.service) ? self.service.matches(r\"\"\"^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$\"\"\"): true",
  "An Exact gRPC service name is a dotted path of identifiers (letters, digits, underscores).",
);

export const GRPC_METHOD_CHARACTERS = cel(
  "(!has(self.type) || self.type == 'Exact') && has(self.method) ? self.method.matches(r\"\"\"^[A-Za-z_][A-Za-z_0-9]*$\"\"\"): true",
  "An Exact gRPC method name is an identifier (letters, digits, underscores).",
);
