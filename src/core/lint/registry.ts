import { ENGINE_CODES } from './engineCodes';
import { IMPACT_CODES } from '../policy/impactFindings';
import type { Rule, RuleInfo } from './rule';
import { MA101 } from './rules/schema/MA101-schema-required';
import { MA102 } from './rules/schema/MA102-schema-type';
import { MA103 } from './rules/schema/MA103-schema-enum';
import { MA104 } from './rules/schema/MA104-schema-range';
import { MA105 } from './rules/schema/MA105-schema-pattern';
import { MA106 } from './rules/schema/MA106-schema-exclusive-fields';
import { MA107 } from './rules/schema/MA107-unknown-field';
import { MA108 } from './rules/schema/MA108-deprecated-version';
import { MA109 } from './rules/schema/MA109-unknown-kind-or-version';
import { MA110 } from './rules/schema/MA110-crd-validation-rule';
import { MA111 } from './rules/schema/MA111-list-duplicate';
import { MA201 } from './rules/admission/MA201-server-port-range';
import { MA202 } from './rules/admission/MA202-server-proxy-protocol';
import { MA203 } from './rules/admission/MA203-server-access-policy';
import { MA204 } from './rules/admission/MA204-selector-label-value-type';
import { MA205 } from './rules/admission/MA205-network-cidr';
import { MA206 } from './rules/admission/MA206-network-except';
import { MA207 } from './rules/admission/MA207-networks-empty';
import { MA208 } from './rules/admission/MA208-serverauthorization-client';
import { MA209 } from './rules/admission/MA209-authorizationpolicy-namespace-target';
import { MA210 } from './rules/admission/MA210-authorizationpolicy-authentication-refs';
import { MA211 } from './rules/admission/MA211-authorizationpolicy-target-kind';
import { MA212 } from './rules/admission/MA212-meshtls-identity';
import { MA213 } from './rules/admission/MA213-meshtls-identity-ref';
import { MA214 } from './rules/admission/MA214-route-path-absolute';
import { MA215 } from './rules/admission/MA215-route-regex';
import { MA216 } from './rules/admission/MA216-route-header';
import { MA217 } from './rules/admission/MA217-route-redirect';
import { MA218 } from './rules/admission/MA218-route-timeouts';
import { MA219 } from './rules/admission/MA219-route-egress-parent-port';
import { MA220 } from './rules/admission/MA220-route-annotations';
import { MA221 } from './rules/admission/MA221-route-backend-port';
import { MA222 } from './rules/admission/MA222-grpcroute-method-regex';
import { MA223 } from './rules/admission/MA223-stream-route-single-rule';
import { MA224 } from './rules/admission/MA224-ratelimit-target';
import { MA225 } from './rules/admission/MA225-ratelimit-rps';
import { MA226 } from './rules/admission/MA226-ratelimit-client-refs';
import { MA227 } from './rules/admission/MA227-serviceprofile-validator';
import { MA228 } from './rules/admission/MA228-policy-route-decoding';
import { MA301 } from './rules/cross-object/MA301-unresolved-reference';
import { MA302 } from './rules/cross-object/MA302-parent-ref-group';
import { MA303 } from './rules/cross-object/MA303-server-selects-nothing';
import { MA304 } from './rules/cross-object/MA304-server-port-undeclared';
import { MA305 } from './rules/cross-object/MA305-server-port-quoted';
import { MA306 } from './rules/cross-object/MA306-server-overlap';
import { MA307 } from './rules/cross-object/MA307-server-no-authorization';
import { MA308 } from './rules/cross-object/MA308-probe-route-missing';
import { MA309 } from './rules/cross-object/MA309-authorization-authorizes-no-client';
import { MA310 } from './rules/cross-object/MA310-selector-expression-never-matches';
import { MA311 } from './rules/cross-object/MA311-route-server-parent-ignored';
import { MA312 } from './rules/cross-object/MA312-route-unsupported-filter';
import { MA313 } from './rules/cross-object/MA313-identity-trust-domain';
import { MA314 } from './rules/cross-object/MA314-ratelimit-duplicate';
import { MA315 } from './rules/cross-object/MA315-egress-overlaps-cluster-networks';
import { MA316 } from './rules/cross-object/MA316-default-deny-blocks-scrapes';
import { MA317 } from './rules/cross-object/MA317-redirect-path-type-mismatch';
import { MA318 } from './rules/cross-object/MA318-server-overrides-opaque-port';
import { MA319 } from './rules/cross-object/MA319-opaque-ports-mismatch';
import { MA401 } from './rules/annotations/MA401-inject-misplaced';
import { MA402 } from './rules/annotations/MA402-inject-invalid-value';
import { MA403 } from './rules/annotations/MA403-annotation-unknown-key';
import { MA404 } from './rules/annotations/MA404-annotation-value';
import { MA405 } from './rules/annotations/MA405-proxy-limit-below-request';
import { MA406 } from './rules/annotations/MA406-policy-port-list-named';
import { MA407 } from './rules/annotations/MA407-inject-host-network';
import { MA408 } from './rules/annotations/MA408-udp-port-meshed';
import { MA409 } from './rules/annotations/MA409-annotation-not-string';
import { MA410 } from './rules/annotations/MA410-annotation-not-read-here';

/**
 * Every rule, in code order. A rule lives in rules/<category>/<CODE>-<name>.ts and is listed here once
 * (test/unit/lint/registry.test.ts holds the list, the files, the docs pages and the fixtures together).
 */
export const RULES: readonly Rule[] = [
  MA101,
  MA102,
  MA103,
  MA104,
  MA105,
  MA106,
  MA107,
  MA108,
  MA109,
  MA110,
  MA111,
  MA201,
  MA202,
  MA203,
  MA204,
  MA205,
  MA206,
  MA207,
  MA208,
  MA209,
  MA210,
  MA211,
  MA212,
  MA213,
  MA214,
  MA215,
  MA216,
  MA217,
  MA218,
  MA219,
  MA220,
  MA221,
  MA222,
  MA223,
  MA224,
  MA225,
  MA226,
  MA227,
  MA228,
  MA301,
  MA302,
  MA303,
  MA304,
  MA305,
  MA306,
  MA307,
  MA308,
  MA309,
  MA310,
  MA311,
  MA312,
  MA313,
  MA314,
  MA315,
  MA316,
  MA317,
  MA318,
  MA319,
  MA401,
  MA402,
  MA403,
  MA404,
  MA405,
  MA406,
  MA407,
  MA408,
  MA409,
  MA410,
];

/** Every code the lint can report, engine codes included (docs and SARIF list these). */
export const ALL_CODES: readonly RuleInfo[] = [...ENGINE_CODES, ...RULES, ...IMPACT_CODES];
