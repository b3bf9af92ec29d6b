import type { RenderContext } from './context';
import { CONTROLLER } from './defaults';
import { createdBy, meta, type K8sObject } from './meta';
import { controllerContainer, kubeApiAccessVolume } from './pod';

/** The daily heartbeat reports the install's version and size to Linkerd's version service, as `linkerd install` sets up. */
export function heartbeatCronJob(ctx: RenderContext): K8sObject {
  const heartbeat = controllerContainer(ctx, {
    name: 'heartbeat',
    args: ['heartbeat', `-controller-namespace=${ctx.namespace}`, `-log-level=${CONTROLLER.logLevel}`, `-log-format=${CONTROLLER.logFormat}`, '-prometheus-url=http://prometheus.linkerd-viz.svc.cluster.local:9090'],
    env: [{ name: 'LINKERD_DISABLED', value: 'the heartbeat controller does not use the proxy' }],
    volumeMounts: [],
  });
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(ctx, 'linkerd-heartbeat', {
      component: 'heartbeat',
      annotations: createdBy(ctx),
      extraLabels: { 'app.kubernetes.io/name': 'heartbeat', 'app.kubernetes.io/part-of': 'Linkerd', 'app.kubernetes.io/version': ctx.release.images.controller.tag },
    }),
    spec: {
      concurrencyPolicy: 'Replace',
      schedule: ctx.heartbeatSchedule,
      successfulJobsHistoryLimit: 0,
      jobTemplate: {
        spec: {
          template: {
            metadata: { labels: { 'linkerd.io/control-plane-component': 'heartbeat', 'linkerd.io/workload-ns': ctx.namespace }, annotations: createdBy(ctx) },
            spec: {
              nodeSelector: { 'kubernetes.io/os': 'linux' },
              securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
              serviceAccountName: 'linkerd-heartbeat',
              restartPolicy: 'Never',
              automountServiceAccountToken: false,
              containers: [heartbeat],
              volumes: [kubeApiAccessVolume()],
            },
          },
        },
      },
    },
  };
}
