import { anyObject, arr, bool, int, intOrString, obj, str } from './dsl';
import type { KindDefinition, Schema } from './types';

/**
 * ServiceProfile (linkerd.io): per-route metrics, retries, timeouts and traffic splits for one Service,
 * read by the destination controller and counted by the heartbeat. Linkerd still serves it next to the
 * Gateway API routes, and `linkerd install --crds` ships it.
 */

/** A Kubernetes quantity, which is how dstOverrides weights are written (`1`, `500m`, `"1k"`). */
const QUANTITY = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

const int32 = int({ format: 'int32' });
const float: Schema = { type: 'number', format: 'float' };

/**
 * Nested conditions (inside all/any/not) are recursive, and a structural schema cannot recurse, so below the
 * first level the API server and the lint accept any map.
 */
const nested = anyObject();

const requestMatch = obj(
  { all: arr(nested), any: arr(nested), method: str(), not: arr(nested), pathRegex: str() },
  [],
  'When a request belongs to the route: a path regular expression and a method, combined with all/any/not.',
);

// In a response condition `not` is a single nested condition, while in a request condition it is a list:
// the two shapes differ in Linkerd's published CRD, which is what the API server enforces.
const responseMatch = obj(
  {
    all: arr(nested),
    any: arr(nested),
    not: nested,
    status: obj({ max: int32, min: int32 }, [], 'An inclusive range of HTTP status codes.'),
  },
  [],
  'Which responses the class covers.',
);

const responseClass = obj({ condition: responseMatch, isFailure: bool() }, ['condition'], 'Classifies matching responses as successes or failures.');

const route = obj(
  {
    condition: requestMatch,
    isRetryable: bool(),
    name: str(),
    responseClasses: arr(responseClass),
    timeout: str(),
  },
  ['condition', 'name'],
  'A group of requests with its own metrics, retries and timeout.',
);

const fields: Record<string, Schema> = {
  // Linkerd's CRD lists authority and weight as required on the array itself, where the API server ignores
  // them, so an entry without either is admitted (the lint's ServiceProfile checks say what the destination
  // controller then does).
  dstOverrides: arr(obj({ authority: str(), weight: intOrString({ pattern: QUANTITY, anyOf: [{ type: 'integer' }, { type: 'string' }] }) }, [], 'A destination that takes part of the traffic, by weight.'), {
    required: ['authority', 'weight'],
  }),
  opaquePorts: arr(str()),
  retryBudget: obj(
    { minRetriesPerSecond: int32, retryRatio: float, ttl: str() },
    ['minRetriesPerSecond', 'retryRatio', 'ttl'],
    'Caps retries for the whole Service as a ratio of requests, with a floor per second.',
  ),
  routes: arr(route),
};

export const serviceProfile: KindDefinition = {
  group: 'linkerd.io',
  kind: 'ServiceProfile',
  plural: 'serviceprofiles',
  shortNames: ['sp'],
  specRequired: false,
  envelope: 'implicit',
  versions: [
    // v1alpha1 insists on a routes list; v1alpha2 lets a profile carry only retries, overrides or opaque ports.
    { name: 'v1alpha1', storage: false, spec: obj(fields, ['routes'], 'Per-route metrics, retries and timeouts, and traffic splits, for the Service the profile is named after.') },
    { name: 'v1alpha2', storage: true, spec: obj(fields, [], 'Per-route metrics, retries and timeouts, and traffic splits, for the Service the profile is named after.') },
  ],
};
