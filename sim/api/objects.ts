import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { randomSuffix } from './names';
import { Store } from '../store/store';
import { clone, isObject, type KubeObject } from '../store/types';
import { applyDefaults } from './defaults';
import { recordUpdate, serverSideApply } from './fieldManagers';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { establishedStatus, TypeRegistry } from './registry';
import { apiVersionOf, storageKey, type ResourceType } from './resources';
import { alreadyExists, ApiError, badRequest, conflict, invalid, notFound, qualified } from './status';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  /** Writes to the status subresource change only `.status`; writes to the resource keep it. */
  subresource?: 'status';
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

/** Runs on every create after defaulting, like a mutating admission webhook. */
export type Mutator = (object: KubeObject, type: ResourceType, api: ObjectApi) => void;

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Object semantics shared by the HTTP layer and the simulated controllers. */
export class ObjectApi {
  readonly types = new TypeRegistry();
  private readonly mutators: Mutator[] = [];

  constructor(readonly store: Store) {
    store.subscribe((event) => {
      if (event.key === 'apiextensions.k8s.io/customresourcedefinitions') this.types.setDefinitions(store.list(event.key));
    });
  }

  addMutator(mutator: Mutator): void {
    this.mutators.push(mutator);
  }

  typeOf(kind: string, apiVersion = 'v1'): ResourceType {
    const type = this.types.forKind(apiVersion, kind);
    if (!type) throw new Error(`unknown kind ${apiVersion} ${kind}`);
    return type;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const found = this.store.get(storageKey(type), ns(type, namespace), name);
    if (!found) throw notFound(type.group, type.resource, name);
    return this.present(type, found);
  }

  find(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.store.get(storageKey(type), ns(type, namespace), name);
    return found && this.present(type, found);
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    return this.store.list(storageKey(type), ns(type, namespace)).map((o) => this.present(type, o));
  }

  /** Read-only view of stored objects for in-process controllers; see Store.peek. */
  peek(type: ResourceType, namespace?: string): readonly KubeObject[] {
    return this.store.peek(storageKey(type), ns(type, namespace));
  }

  create(type: ResourceType, namespace: string | undefined, body: unknown, options: WriteOptions = {}): KubeObject {
    const object = this.bodyAsObject(type, body);
    if (type.namespaced) {
      if (object.metadata.namespace && namespace && object.metadata.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      object.metadata.namespace = namespace ?? object.metadata.namespace ?? 'default';
      this.checkNamespaceAccepts(type, object);
    } else {
      delete object.metadata.namespace;
    }
    if (!object.metadata.name && object.metadata.generateName) object.metadata.name = this.generateName(type, object);
    this.validateName(type, object);
    if (this.store.get(storageKey(type), object.metadata.namespace, object.metadata.name!)) {
      throw alreadyExists(type.group, type.resource, object.metadata.name!);
    }
    object.apiVersion = apiVersionOf(type);
    object.kind = type.kind;
    object.metadata.uid = randomUUID();
    object.metadata.creationTimestamp = timestamp();
    object.metadata.generation = 1;
    delete object.metadata.resourceVersion;
    applyDefaults(object);
    if (type.resource === 'customresourcedefinitions') object.status = establishedStatus(object);
    for (const mutate of this.mutators) mutate(object, type, this);
    // The API server defaults again after mutating admission, so what a webhook added is defaulted too.
    if (this.mutators.length) applyDefaults(object);
    recordUpdate(undefined, object, options.fieldManager ?? 'unknown', apiVersionOf(type));
    return options.dryRun ? object : this.present(type, this.store.put(storageKey(type), object));
  }

  update(type: ResourceType, namespace: string | undefined, name: string, body: unknown, options: WriteOptions = {}): KubeObject {
    const current = this.get(type, namespace, name);
    const next = this.bodyAsObject(type, body);
    if (next.metadata.name && next.metadata.name !== name) {
      throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (!next.metadata.resourceVersion) {
      throw invalid(type.kind, type.group, name, [{ field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' }]);
    }
    return this.write(type, current, next, options);
  }

  patch(type: ResourceType, namespace: string | undefined, name: string, patchType: PatchType, body: unknown, options: WriteOptions & { force?: boolean } = {}): KubeObject {
    const current = this.find(type, namespace, name);
    if (patchType === 'apply') {
      if (!options.fieldManager) throw badRequest('PATCH, application/apply-patch+yaml requests must specify a fieldManager');
      const config = this.bodyAsObject(type, body);
      if (config.metadata.name && config.metadata.name !== name) throw badRequest('the name of the object does not match the name on the URL');
      if (!current) {
        const created = serverSideApply(undefined, { ...config, metadata: { ...config.metadata, name } }, options.fieldManager, true);
        return this.createApplied(type, namespace, created, options);
      }
      const next = serverSideApply(current, config, options.fieldManager, options.force ?? false);
      return this.write(type, current, next, { ...options, managedFieldsSet: true });
    }
    if (!current) throw notFound(type.group, type.resource, name);
    const patched = (patchType === 'json' ? jsonPatch : patchType === 'merge' ? mergePatch : strategicMergePatch)(current, body);
    if (!isObject(patched)) throw badRequest('patch did not produce an object');
    const next = patched as KubeObject;
    if (!isObject(next.metadata)) next.metadata = {};
    return this.write(type, current, next, options);
  }

  /** Deletes with background propagation, or leaves the dependents in place without their owner (`orphan`). */
  delete(type: ResourceType, namespace: string | undefined, name: string, options: WriteOptions & { orphan?: boolean } = {}): KubeObject {
    const current = this.get(type, namespace, name);
    if (options.dryRun) return current;
    if (type.resource === 'namespaces') return this.terminateNamespace(current);
    const removed = this.store.remove(storageKey(type), current.metadata.namespace, name)!;
    if (options.orphan) this.orphanDependents(removed.metadata.uid!);
    else this.collectDependents(removed.metadata.uid!);
    return this.present(type, removed);
  }

  /** Writes the result of an update or patch: immutable metadata kept, status handled per subresource. */
  private write(type: ResourceType, current: KubeObject, next: KubeObject, options: WriteOptions & { managedFieldsSet?: boolean }): KubeObject {
    const name = current.metadata.name!;
    if (next.metadata.resourceVersion && next.metadata.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(type.group, type.resource, name);
    }
    if (options.subresource !== 'status') checkImmutable(type, current, next);
    const hasStatus = type.subresources?.includes('status') ?? false;
    const result: KubeObject = options.subresource === 'status' ? { ...clone(current), status: next.status } : next;
    if (options.subresource !== 'status' && hasStatus) result.status = current.status;
    result.apiVersion = apiVersionOf(type);
    result.kind = type.kind;
    result.metadata = {
      ...result.metadata,
      name,
      namespace: current.metadata.namespace,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      resourceVersion: current.metadata.resourceVersion,
      generation: current.metadata.generation,
      ...(current.metadata.deletionTimestamp ? { deletionTimestamp: current.metadata.deletionTimestamp } : {}),
    };
    if (!result.metadata.namespace) delete result.metadata.namespace;
    if (specOf(result) !== specOf(current)) result.metadata.generation = (current.metadata.generation ?? 1) + 1;
    if (!options.managedFieldsSet) recordUpdate(current, result, options.fieldManager ?? 'unknown', apiVersionOf(type));
    if (type.resource === 'customresourcedefinitions') result.status = establishedStatus(result);
    if (withoutManagedFields(result) === withoutManagedFields(current) || options.dryRun) return result;
    return this.present(type, this.store.put(storageKey(type), result));
  }

  private createApplied(type: ResourceType, namespace: string | undefined, object: KubeObject, options: WriteOptions): KubeObject {
    const managedFields = object.metadata.managedFields;
    const created = this.create(type, namespace, object, { ...options, dryRun: true });
    created.metadata.managedFields = managedFields;
    return options.dryRun ? created : this.present(type, this.store.put(storageKey(type), created));
  }

  private terminateNamespace(namespace: KubeObject): KubeObject {
    const name = namespace.metadata.name!;
    const type = this.typeOf('Namespace');
    if (namespace.status && (namespace.status as { phase?: string }).phase === 'Terminating') return namespace;
    const terminating = this.store.put(storageKey(type), {
      ...namespace,
      metadata: { ...namespace.metadata, deletionTimestamp: timestamp() },
      status: { phase: 'Terminating' },
    });
    // The namespace controller empties the namespace after the DELETE has been answered, as in a real cluster.
    setImmediate(() => {
      for (const key of this.store.keys()) {
        for (const o of this.store.list(key, name)) this.store.remove(key, name, o.metadata.name!);
      }
      this.store.remove(storageKey(type), undefined, name);
    });
    return this.present(type, terminating);
  }

  /** Background garbage collection: whatever an object owned goes with it. */
  private collectDependents(uid: string): void {
    for (const [key, dependent] of this.dependentsOf(uid)) {
      const removed = this.store.remove(key, dependent.metadata.namespace, dependent.metadata.name!);
      if (removed) this.collectDependents(removed.metadata.uid!);
    }
  }

  private orphanDependents(uid: string): void {
    for (const [key, dependent] of this.dependentsOf(uid)) {
      const orphan = clone(dependent);
      orphan.metadata.ownerReferences = orphan.metadata.ownerReferences!.filter((r) => r.uid !== uid);
      this.store.put(key, orphan);
    }
  }

  private dependentsOf(uid: string): [string, KubeObject][] {
    return this.store.keys().flatMap((key) => this.store.peek(key).filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === uid)).map((o): [string, KubeObject] => [key, o]));
  }

  private checkNamespaceAccepts(type: ResourceType, object: KubeObject): void {
    const namespaceName = object.metadata.namespace!;
    const namespace = this.store.get('/namespaces', undefined, namespaceName);
    if (!namespace) throw notFound('', 'namespaces', namespaceName);
    if ((namespace.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw new ApiError(403, 'Forbidden', `${qualified(type.group, type.resource)} "${object.metadata.name ?? object.metadata.generateName}" is forbidden: unable to create new content in namespace ${namespaceName} because it is being terminated`, {
        name: object.metadata.name,
        group: type.group,
        kind: type.resource,
      });
    }
  }

  private validateName(type: ResourceType, object: KubeObject): void {
    const name = object.metadata.name;
    if (!name) throw invalid(type.kind, type.group, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
    if (name.length > 253 || !NAME_PATTERN.test(name)) {
      throw invalid(type.kind, type.group, name, [{
        field: 'metadata.name',
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      }]);
    }
  }

  private generateName(type: ResourceType, object: KubeObject): string {
    for (;;) {
      const name = object.metadata.generateName + randomSuffix();
      if (!this.store.get(storageKey(type), object.metadata.namespace, name)) return name;
    }
  }

  private bodyAsObject(type: ResourceType, body: unknown): KubeObject {
    if (!isObject(body)) throw badRequest('the body of the request was not a JSON object');
    const object = clone(body) as KubeObject;
    if (!isObject(object.metadata)) object.metadata = {};
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw badRequest(`the kind of the object (${String(object.kind)}) does not match the kind of the resource (${type.kind})`);
    }
    return object;
  }

  /** Objects are stored once per group; each served version presents them under its own apiVersion. */
  private present(type: ResourceType, object: KubeObject): KubeObject {
    return { ...object, apiVersion: apiVersionOf(type), kind: type.kind };
  }
}

function ns(type: ResourceType, namespace: string | undefined): string | undefined {
  return type.namespaced ? namespace : undefined;
}

/**
 * Kinds whose `spec.selector` cannot change once created, as the API server's update validation refuses it
 * (kubernetes pkg/apis/apps/validation/validation.go ValidateDeploymentUpdate and ValidateDaemonSetUpdate,
 * pkg/apis/batch/validation/validation.go for Jobs): a changed selector would orphan the running pods.
 */
const IMMUTABLE_SELECTOR: ReadonlySet<string> = new Set(['apps/Deployment', 'apps/DaemonSet', 'batch/Job']);

function checkImmutable(type: ResourceType, current: KubeObject, next: KubeObject): void {
  if (!IMMUTABLE_SELECTOR.has(`${type.group}/${type.kind}`)) return;
  const before = (current.spec as { selector?: unknown } | undefined)?.selector;
  const after = (next.spec as { selector?: unknown } | undefined)?.selector;
  if (before === undefined || isDeepStrictEqual(before, after)) return;
  throw invalid(type.kind, type.group, current.metadata.name!, [{ field: 'spec.selector', message: `Invalid value: ${JSON.stringify(after ?? null)}: field is immutable` }]);
}

function specOf(object: KubeObject): string {
  const { metadata: _m, status: _s, ...rest } = object;
  return JSON.stringify(rest);
}

function withoutManagedFields(object: KubeObject): string {
  return JSON.stringify({ ...object, metadata: { ...object.metadata, managedFields: undefined } });
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}
