import { isObject, type KubeObject } from '../store/types';

type Spec = Record<string, unknown>;

let nextServiceIp = 10;

/** The defaulting the real API server applies on create, for the fields clients and controllers read back. */
export function applyDefaults(object: KubeObject): void {
  const spec = (isObject(object.spec) ? object.spec : undefined) as Spec | undefined;
  switch (object.kind) {
    case 'Namespace':
      object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name! };
      object.spec = { finalizers: ['kubernetes'] };
      object.status = { phase: 'Active' };
      break;
    case 'Pod':
      if (spec) defaultPodSpec(spec);
      object.status ??= { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    case 'Service':
      if (spec) defaultService(spec);
      object.status ??= { loadBalancer: {} };
      break;
    case 'Deployment':
      if (spec) {
        spec.replicas ??= 1;
        spec.revisionHistoryLimit ??= 10;
        spec.progressDeadlineSeconds ??= 600;
        spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
        defaultTemplate(spec);
      }
      break;
    case 'ReplicaSet':
      if (spec) {
        spec.replicas ??= 1;
        defaultTemplate(spec);
      }
      break;
    case 'StatefulSet':
      if (spec) {
        spec.replicas ??= 1;
        spec.podManagementPolicy ??= 'OrderedReady';
        spec.revisionHistoryLimit ??= 10;
        spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
        defaultTemplate(spec);
      }
      break;
    case 'DaemonSet':
      if (spec) {
        spec.revisionHistoryLimit ??= 10;
        spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
        defaultTemplate(spec);
      }
      break;
    case 'Job':
      if (spec) {
        spec.parallelism ??= 1;
        spec.completions ??= 1;
        spec.backoffLimit ??= 6;
        defaultTemplate(spec);
      }
      break;
    case 'CronJob':
      if (spec) {
        spec.suspend ??= false;
        spec.concurrencyPolicy ??= 'Allow';
      }
      break;
  }
}

function defaultTemplate(spec: Spec): void {
  const template = spec.template;
  if (isObject(template) && isObject(template.spec)) defaultPodSpec(template.spec);
}

function defaultPodSpec(spec: Spec): void {
  spec.serviceAccountName ??= 'default';
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const list of ['containers', 'initContainers']) {
    for (const c of (spec[list] as Spec[] | undefined) ?? []) {
      const image = String(c.image ?? '');
      c.imagePullPolicy ??= image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent';
      c.terminationMessagePath ??= '/dev/termination-log';
      c.terminationMessagePolicy ??= 'File';
      c.resources ??= {};
      for (const p of (c.ports as Spec[] | undefined) ?? []) p.protocol ??= 'TCP';
    }
  }
}

function defaultService(spec: Spec): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.clusterIP !== 'None' && spec.clusterIP === undefined) {
    const n = nextServiceIp++;
    spec.clusterIP = `10.96.${Math.floor(n / 250)}.${n % 250}`;
  }
  spec.clusterIPs ??= [spec.clusterIP];
  for (const p of (spec.ports as Spec[] | undefined) ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
}
