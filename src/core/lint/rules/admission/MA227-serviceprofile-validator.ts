import { parseGoDuration } from '../../checks/duration';
import type { Json, JsonObject } from '../../model/view';
import type { Rule } from '../../rule';

/**
 * Linkerd's ServiceProfile validator (the linkerd-sp-validator webhook, `profiles.Validate` in
 * pkg/profiles/profiles.go). It decodes the profile strictly into the Go types of
 * controller/gen/apis/serviceprofile/v1alpha2/types.go, then checks routes, conditions and the retry budget.
 * The CRD schema already types the top level; what only the validator catches is inside nested conditions
 * (which the CRD leaves open), where the CRD and the Go types disagree, and the semantic checks.
 */

type Report = (owner: JsonObject, field: string | undefined, message: string) => void;

const REQUEST_FIELDS = ['all', 'not', 'any', 'pathRegex', 'method'];
const RESPONSE_FIELDS = ['all', 'not', 'any', 'status'];
const STATUS = { min: 100, max: 599 };
/** validation.IsDNS1123Subdomain, which the validator applies to the profile's name. */
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const isObj = (v: Json | undefined): v is JsonObject => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: Json | undefined) => v === undefined || v === null || typeof v !== 'object';
const isU32 = (v: Json | undefined) => v === undefined || v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff);

export const MA227: Rule = {
  code: 'MA227',
  name: 'serviceprofile-validator',
  category: 'admission',
  severity: 'error',
  summary: 'A ServiceProfile breaks a check of Linkerd’s ServiceProfile validator webhook, which denies it.',
  check(ctx) {
    if (ctx.group !== 'linkerd.io' || ctx.kind !== 'ServiceProfile' || !ctx.served) return;
    const view = ctx.view();
    const spec = view.root.spec;
    if (!isObj(spec)) return;
    const report: Report = (owner, field, message) => {
      const at = view.at(owner, field);
      if (at) ctx.report(at, `Linkerd's ServiceProfile validator denies this profile: ${message}`);
    };
    const name = ctx.name;
    const metadata = view.root.metadata;
    if (name !== undefined && !DNS_SUBDOMAIN.test(name) && metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)) {
      report(metadata, 'name', `the name '${name}' is not a DNS subdomain (lowercase letters, digits, '-' and '.', at most 253); a profile is named after the Service's FQDN, e.g. web.emojivoto.svc.cluster.local.`);
    }
    if (Array.isArray(spec.opaquePorts)) {
      report(spec, 'opaquePorts', 'it decodes opaquePorts into a map of port numbers, so the list the CRD asks for cannot be decoded. Mark the ports opaque with the config.linkerd.io/opaque-ports annotation on the Service instead.');
    }
    checkRoutes(spec.routes, report);
    checkRetryBudget(spec.retryBudget, report);
  },
};

function checkRoutes(routes: Json | undefined, report: Report): void {
  if (!Array.isArray(routes)) return;
  for (const route of routes) {
    if (!isObj(route)) continue;
    if (route.name === '') report(route, 'name', 'a route needs a non-empty name.');
    if (typeof route.timeout === 'string' && route.timeout !== '') {
      const d = parseGoDuration(route.timeout);
      if ('error' in d) report(route, 'timeout', `the route timeout is not a Go duration: ${d.error}.`);
    }
    if (isObj(route.condition)) {
      // The CRD wants `not` here as a list; the validator's type holds one condition. Neither shape gets through both.
      if (Array.isArray(route.condition.not)) report(route.condition, 'not', "'not' holds a single condition in Linkerd's type, but the CRD only admits a list here, so a route condition cannot use 'not'. Wrap it: all: [{not: …}].");
      requestMatch(route.condition, report, true);
    }
    // Null routes, response classes and conditions in lists fail the schema first (MA102).
    for (const rc of Array.isArray(route.responseClasses) ? route.responseClasses : []) {
      if (isObj(rc) && isObj(rc.condition)) responseMatch(rc.condition, report);
    }
  }
}

function checkRetryBudget(budget: Json | undefined, report: Report): void {
  if (!isObj(budget)) return;
  if (typeof budget.retryRatio === 'number' && budget.retryRatio < 0) report(budget, 'retryRatio', 'retryRatio must not be negative.');
  // A missing ttl is the schema's to report (MA101); an empty one passes the schema.
  if (budget.ttl === '') report(budget, 'ttl', 'a retry budget needs a ttl.');
  else if (typeof budget.ttl === 'string') {
    const d = parseGoDuration(budget.ttl);
    if ('error' in d) report(budget, 'ttl', `ttl is not a Go duration: ${d.error}.`);
  }
}

/** Fields of a condition that a strict decode refuses: unknown names, or values of the wrong shape. */
function decodeProblems(m: JsonObject, known: readonly string[], report: Report): boolean {
  let ok = true;
  for (const [k, v] of Object.entries(m)) {
    const bad = !known.includes(k)
      ? `unknown field '${k}' in a condition (it knows ${known.join(', ')}).`
      : (k === 'all' || k === 'any') && !(v === null || Array.isArray(v))
        ? `'${k}' must be a list of conditions.`
        : k === 'not' && !(v === null || isObj(v))
          ? "'not' must be a single condition, not a list."
          : (k === 'pathRegex' || k === 'method') && !isScalar(v)
            ? `'${k}' must be a string.`
            : k === 'status' && !(v === null || (isObj(v) && Object.keys(v).every((f) => f === 'min' || f === 'max') && isU32(v.min) && isU32(v.max)))
              ? "'status' must be {min, max} with whole numbers from 0."
              : undefined;
    if (bad) {
      report(m, k, bad);
      ok = false;
    }
  }
  return ok;
}

/** `ValidateRequestMatch`: some field set; no null in all/any; nested conditions valid. */
function requestMatch(m: JsonObject, report: Report, top: boolean): void {
  // The CRD types the top condition; inside all/any/not it leaves the fields open, and the strict decode checks them.
  if (!top && !decodeProblems(m, REQUEST_FIELDS, report)) return;
  const set = REQUEST_FIELDS.some((f) => m[f] !== undefined && m[f] !== '');
  if (!set) report(m, undefined, 'a request condition must set at least one of all, any, not, pathRegex or method.');
  for (const k of ['all', 'any']) {
    for (const child of Array.isArray(m[k]) ? m[k] : []) if (isObj(child)) requestMatch(child, report, false);
  }
  if (isObj(m.not)) requestMatch(m.not, report, false);
}

/** `ValidateResponseMatch`: as for requests, plus a status range within 100–599 whose max is not below its min. */
function responseMatch(m: JsonObject, report: Report, nested = false): void {
  if (nested && !decodeProblems(m, RESPONSE_FIELDS, report)) return;
  const set = ['all', 'any', 'not', 'status'].some((f) => m[f] !== undefined);
  if (!set) report(m, undefined, 'a response condition must set at least one of all, any, not or status.');
  const status = m.status;
  if (isObj(status)) {
    const [min, max] = [typeof status.min === 'number' ? status.min : 0, typeof status.max === 'number' ? status.max : 0];
    if (min !== 0 && (min < STATUS.min || min > STATUS.max)) report(status, 'min', `a status range minimum must be from ${STATUS.min} to ${STATUS.max}.`);
    else if (max !== 0 && (max < STATUS.min || max > STATUS.max)) report(status, 'max', `a status range maximum must be from ${STATUS.min} to ${STATUS.max}.`);
    else if (min !== 0 && max !== 0 && max < min) report(status, 'max', 'a status range maximum cannot be below its minimum.');
  }
  for (const k of ['all', 'any']) {
    for (const child of Array.isArray(m[k]) ? m[k] : []) if (isObj(child)) responseMatch(child, report, true);
  }
  if (isObj(m.not)) responseMatch(m.not, report, true);
}
