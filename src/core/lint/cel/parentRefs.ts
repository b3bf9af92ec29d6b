import type { JsonObject } from '../model/view';
import { objects, ROUTES, type CelCheck } from './check';

/**
 * Two parentRefs to the same parent (group, kind, name and namespace, as defaulted) must be told apart by
 * sectionName or port: both must set the same ones of them, and their values must differ.
 */
const everyRoute = Object.fromEntries(ROUTES.map((k) => [k, ['.spec.parentRefs']]));

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const samParent = (a: JsonObject, b: JsonObject) => a.group === b.group && a.kind === b.kind && a.name === b.name && text(a.namespace) === text(b.namespace);
const section = (p: JsonObject) => text(p.sectionName);
const port = (p: JsonObject) => (typeof p.port === 'number' ? p.port : 0);
const describe = (p: JsonObject) => `${text(p.kind)} '${text(p.name)}'`;

export const PARENT_REF_CHECKS: readonly CelCheck[] = [
  {
    id: 'parentrefs-same-parent-needs-section-or-port',
    at: everyRoute,
    check(self, report) {
      const refs = objects(self);
      refs.forEach((p2, j) => {
        const p1 = refs.slice(0, j).find((p) => samParent(p, p2) && ((section(p) === '') !== (section(p2) === '') || (port(p) === 0) !== (port(p2) === 0)));
        if (p1) report(p2, 'name', `This parentRef names the same ${describe(p2)} as an earlier one: when a parent appears twice, every reference to it must set sectionName or port the same way, so they can be told apart (Gateway API CRD rule parentrefs-same-parent-needs-section-or-port).`);
      });
    },
  },
  {
    id: 'parentrefs-same-parent-unique-section-or-port',
    at: everyRoute,
    check(self, report) {
      const refs = objects(self);
      refs.forEach((p2, j) => {
        const p1 = refs.slice(0, j).find((p) => samParent(p, p2) && section(p) === section(p2) && port(p) === port(p2));
        if (p1) report(p2, 'name', `This parentRef repeats an earlier reference to ${describe(p2)} with the same sectionName and port; references to one parent must differ in them (Gateway API CRD rule parentrefs-same-parent-unique-section-or-port).`);
      });
    },
  },
];
