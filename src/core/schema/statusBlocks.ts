import { parentRef } from './blocks';
import { arr, int, listMap, obj, str } from './dsl';
import type { Schema } from './types';

/**
 * Status schemas: written only by Linkerd's controllers and gateways, declared in the CRDs so the API server
 * keeps what they write in shape. The descriptions are ours.
 */

const CONDITION_TYPE = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$';
const CONDITION_REASON = '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$';
const CONTROLLER_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$";

const conditionFields = (o: { probeTime?: boolean; generation?: boolean }): Record<string, Schema> => ({
  ...(o.probeTime ? { lastProbeTime: str({ description: 'When the condition was last checked.', format: 'date-time' }) } : {}),
  lastTransitionTime: str({ description: 'When the condition last changed its status.', format: 'date-time' }),
  message: str({ description: 'What the condition means now, for people.', maxLength: 32768 }),
  ...(o.generation ? { observedGeneration: int({ description: "The object's generation the condition was computed for.", format: 'int64', minimum: 0 }) } : {}),
  reason: str({ description: 'Why the condition has its status, as a CamelCase word for programs.', minLength: 1, maxLength: 1024, pattern: CONDITION_REASON }),
  status: str({ description: 'Whether the condition holds: True, False or Unknown.', enum: ['True', 'False', 'Unknown'] }),
  type: str({ description: 'What the condition is about, in CamelCase (optionally prefixed by a domain).', maxLength: 316, pattern: CONDITION_TYPE }),
});

/** The conditions Linkerd's own controllers write: the list names its required fields, items say nothing more. */
export const linkerdConditions = (o: { probeTime?: boolean } = {}): Schema => arr(obj(conditionFields(o)), { required: ['status', 'type'] });

/** RouteStatus of the Gateway API (and of Linkerd's HTTPRoute): one entry per parent that accepted or refused the route. */
export const routeStatus = (defaultGroup: string): Schema =>
  obj(
    {
      parents: arr(
        obj(
          {
            conditions: arr(obj(conditionFields({ generation: true }), ['lastTransitionTime', 'message', 'reason', 'status', 'type'], 'One observation about the route on this parent.'), {
              description: 'What the controller observed about the route on this parent, such as Accepted and ResolvedRefs.',
              minItems: 1,
              maxItems: 8,
              ...listMap('type'),
            }),
            controllerName: str({ description: 'The controller that wrote this entry, as a domain-prefixed path.', minLength: 1, maxLength: 253, pattern: CONTROLLER_NAME }),
            parentRef: { ...parentRef(defaultGroup, { portRange: true }), description: 'The parent this entry is about.' },
          },
          ['controllerName', 'parentRef'],
          "The route's status on one of its parents.",
        ),
        { description: 'The parents that have seen the route, each with what its controller observed.', maxItems: 32 },
      ),
    },
    ['parents'],
    'What the controllers of its parents observed about the route.',
  );
