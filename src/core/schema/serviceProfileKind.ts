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
  { pathRegex: str(), method: str(), all: arr(nested), any: arr(nested), not: arr(nested) },
  [],
  { description: 'When a request belongs to the route; all/any/not combine nested conditions.' },
);

// In a response condition `not` is a single nested condition, while in a request condition it is a list:
// the two shapes differ in Linkerd's published CRD, which is what the API server enforces.
const responseMatch = obj({
  all: arr(nested),
  any: arr(nested),
  not: nested,
  status: obj({ min: int32, max: int32 }, [], { description: 'An inclusive range of HTTP status codes.' }),
});

const responseClass = obj({ condition: responseMatch, isFailure: bool() }, ['condition'], { description: 'Classifies matching responses as successes or failures.' });

const route = obj(
  {
    name: str(),
    condition: requestMatch,
    responseClasses: arr(responseClass),
    isRetryable: bool(),
    timeout: str({ description: 'A Go duration such as 300ms or 10s.' }),
  },
  ['condition', 'name'],
);

const fields: Record<string, Schema> = {
  routes: arr(route),
  retryBudget: obj(
    { minRetriesPerSecond: int32, retryRatio: float, ttl: str() },
    ['minRetriesPerSecond', 'retryRatio', 'ttl'],
    { description: 'Caps retries for the whole Service as a ratio of requests, with a floor per second.' },
  ),
  // Linkerd's CRD lists authority and weight as required on the array itself, where the API server ignores
  // them, so an entry without either is admitted: the catalogue requires neither (the lint's ServiceProfile
  // checks say what the destination controller then does).
  dstOverrides: arr(obj({ authority: str(), weight: intOrString({ pattern: QUANTITY }) })),
  opaquePorts: arr(str()),
};

export const serviceProfile: KindDefinition = {
  group: 'linkerd.io',
  kind: 'ServiceProfile',
  plural: 'serviceprofiles',
  shortNames: ['sp'],
  specRequired: false,
  versions: [
    // v1alpha1 insists on a routes list; v1alpha2 lets a profile carry only retries, overrides or opaque ports.
    { name: 'v1alpha1', storage: false, spec: obj(fields, ['routes']) },
    { name: 'v1alpha2', storage: true, spec: obj(fields) },
  ],
};
