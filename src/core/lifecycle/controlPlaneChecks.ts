import { parse } from 'yaml';
import type { KubeObject } from '../cluster/client';
import type { LinkerdRelease } from '../controlplane/catalog';
import { fail, ok, skip, warn, type Category, type Check, type CheckContext } from './checks';
import { dockerRuntimeNodes } from './clusterFacts';
import { containsAddress, parseNetworks } from './networks';
import { identityCategory, webhookCategory } from './identityChecks';
import { clusterBasics } from './preChecks';
import { CONTROL_PLANE_NS_LABEL, DEFAULT_CONTROL_PLANE_NAMESPACE, LINKERD_CONFIG, PROXY_CONTAINER } from '../linkerd';
import { plural } from '../text/plural';
import { ownerOf } from '../traffic/pods';
import { isRestartable } from '../workloadKinds';

/** The deployments whose pods must be ready for the mesh to work (linkerd check's "control plane pods are ready"). */
export const CORE_DEPLOYMENTS = ['linkerd-identity', 'linkerd-destination', 'linkerd-proxy-injector'] as const;

type Deployment = KubeObject & { spec?: { replicas?: number }; status?: { availableReplicas?: number; readyReplicas?: number } };
type ContainerStatus = { name: string; ready?: boolean; restartCount?: number; state?: { waiting?: { reason?: string } } };
type Pod = KubeObject & {
  status?: { phase?: string; podIP?: string; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[]; conditions?: { type: string; status: string; reason?: string; message?: string }[] };
  spec?: { hostNetwork?: boolean; containers?: Container[]; initContainers?: Container[] };
};
type Container = { name?: string; image?: string; env?: { name?: string; value?: string }[] };
type Data = KubeObject & { data?: Record<string, string> };

/** What `check` reads from linkerd-config's values (YAML 1.1, as Linkerd reads them). */
interface RecordedValues {
  readonly linkerdVersion?: string;
  readonly clusterNetworks?: string;
  readonly disableHeartBeat?: boolean;
  readonly proxyInit?: { readonly runAsRoot?: boolean };
}

const CP_SELECTOR = (ns: string) => `${CONTROL_PLANE_NS_LABEL}=${ns}`;
const values = (ctx: CheckContext) => (ctx.facts.get('values') as RecordedValues | undefined) ?? {};
const versionOf = (image: string | undefined) => (image ? image.slice(image.lastIndexOf(':') + 1) : undefined);

function proxyContainer(p: Pod): Container | undefined {
  return [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])].find((c) => c.name === PROXY_CONTAINER);
}

async function controlPlanePods(ctx: CheckContext, ns: string): Promise<Pod[]> {
  return (await ctx.client.list<Pod>('v1', 'Pod', { namespace: ns, labelSelector: 'linkerd.io/control-plane-component' }, ctx.call)).items;
}

/** Checks of an installed control plane, in `linkerd check`'s category order (pkg/healthcheck/healthcheck.go). */
export function controlPlaneCategories(release: LinkerdRelease, ns = DEFAULT_CONTROL_PLANE_NAMESPACE): Category[] {
  return [
    ...clusterBasics(release),
    existenceCategory(ns),
    configCategory(ns),
    identityCategory(ns),
    webhookCategory(ns),
    versionCategory(release),
    proxyCategory(release, ns),
    dataPlaneCategory(release, ns),
  ];
}

function existenceCategory(ns: string): Category {
  const networks = (description: string, find: (ctx: CheckContext, nets: ReturnType<typeof parseNetworks>) => Promise<string[]>, hint: string): Check => ({
    description,
    async run(ctx) {
      const recorded = values(ctx).clusterNetworks ?? '';
      const nets = parseNetworks(recorded);
      const outside = await find(ctx, nets);
      return outside.length ? fail(`The Linkerd clusterNetworks (${recorded}) do not include ${outside.slice(0, 5).join(', ')}${outside.length > 5 ? ', …' : ''}.`, hint) : ok();
    },
  });
  const reinstallWith = 'Traffic to them is not treated as in-cluster: install Linkerd again with clusterNetworks that cover the cluster.';
  return {
    name: 'linkerd-existence',
    checks: [
      {
        description: "'linkerd-config' config map exists",
        fatal: true,
        async run(ctx) {
          const cm = await ctx.client.tryGet<Data>('v1', 'ConfigMap', LINKERD_CONFIG, ns, ctx.call);
          if (!cm) return fail(`ConfigMap ${ns}/${LINKERD_CONFIG} not found.`, `Linkerd is not installed here: ${ctx.actions.install}.`);
          let recorded: RecordedValues;
          try {
            recorded = (parse(cm.data?.values ?? '', { version: '1.1' }) ?? {}) as RecordedValues;
          } catch (e) {
            return fail(`Its values cannot be read: ${e instanceof Error ? e.message : String(e)}.`, `${ctx.actions.upgrade} to write them again.`);
          }
          ctx.facts.set('values', recorded);
          return ok();
        },
      },
      {
        description: 'heartbeat ServiceAccount exist',
        fatal: true,
        async run(ctx) {
          if (values(ctx).disableHeartBeat) return ok();
          const sa = await ctx.client.tryGet('v1', 'ServiceAccount', 'linkerd-heartbeat', ns, ctx.call);
          return sa ? ok() : fail(`ServiceAccount ${ns}/linkerd-heartbeat not found.`, `The control plane is incomplete: ${ctx.actions.install} again to resume the install.`);
        },
      },
      {
        description: 'control plane replica sets are ready',
        retry: true,
        fatal: true,
        async run(ctx) {
          const sets = await ctx.client.list<KubeObject & { status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } }>('apps/v1', 'ReplicaSet', { namespace: ns }, ctx.call);
          const failures = sets.items.flatMap((rs) => (rs.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure' && c.status === 'True').map((c) => `${rs.metadata?.name}: ${c.reason}: ${c.message}`));
          return failures.length ? fail(failures.join('; '), 'The ReplicaSet cannot create its pods: the reason above usually names a quota, a PodSecurity rule or a missing ServiceAccount.') : ok();
        },
      },
      {
        description: 'no unschedulable pods',
        retry: true,
        async run(ctx) {
          const pods = await controlPlanePods(ctx, ns);
          const stuck = pods.flatMap((p) => (p.status?.conditions ?? []).filter((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable').map((c) => `${p.metadata?.name}: ${c.message}`));
          return stuck.length ? warn(stuck.join('; '), 'The cluster lacks room or matching nodes for the control plane: add a node or free resources.') : ok();
        },
      },
      {
        description: 'control plane pods are ready',
        retry: true,
        fatal: true,
        async run(ctx) {
          const notReady: string[] = [];
          for (const name of CORE_DEPLOYMENTS) {
            const d = await ctx.client.tryGet<Deployment>('apps/v1', 'Deployment', name, ns, ctx.call);
            if (!d) notReady.push(`${name} (missing)`);
            else if ((d.status?.availableReplicas ?? 0) < 1) notReady.push(`${name} (${d.status?.availableReplicas ?? 0}/${d.spec?.replicas ?? 1} available)`);
          }
          if (notReady.length === 0) return ok();
          const crashing = await crashLoops(ctx, ns);
          return fail(
            `Not ready: ${notReady.join(', ')}.${crashing.length ? ` Crash-looping: ${crashing.join('; ')}.` : ''}`,
            crashing.length
              ? `The log line above says why; identity crash-loops when its issuer does not match the trust anchors (${ctx.actions.rotateIssuer} with the right anchor).`
              : 'Wait for the pods to start, or look at their events.',
          );
        },
      },
      {
        description: 'cluster networks contains all node podCIDRs',
        async run(ctx) {
          const recorded = values(ctx).clusterNetworks ?? '';
          const nets = parseNetworks(recorded);
          const nodes = await ctx.client.list<KubeObject & { spec?: { podCIDR?: string } }>('v1', 'Node', {}, ctx.call);
          const cidrs = nodes.items.map((n) => n.spec?.podCIDR).filter((c): c is string => !!c);
          if (!cidrs.length) return skip('the nodes do not report their podCIDR');
          const outside = cidrs.filter((c) => !containsAddress(nets, c));
          return outside.length ? fail(`${outside.length === 1 ? 'Node podCIDR' : 'Node podCIDRs'} ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in the Linkerd clusterNetworks (${recorded}).`, reinstallWith) : ok();
        },
      },
      networks('cluster networks contains all pods', async (ctx, nets) => {
        const pods = await ctx.client.list<Pod>('v1', 'Pod', {}, ctx.call);
        return pods.items.filter((p) => !p.spec?.hostNetwork && p.status?.podIP && !containsAddress(nets, p.status.podIP)).map((p) => `pod ${p.metadata?.namespace}/${p.metadata?.name} (${p.status?.podIP})`);
      }, reinstallWith),
      networks('cluster networks contains all services', async (ctx, nets) => {
        const services = await ctx.client.list<KubeObject & { spec?: { clusterIP?: string } }>('v1', 'Service', {}, ctx.call);
        return services.items.filter((s) => s.spec?.clusterIP && s.spec.clusterIP !== 'None' && !containsAddress(nets, s.spec.clusterIP)).map((s) => `service ${s.metadata?.namespace}/${s.metadata?.name} (${s.spec?.clusterIP})`);
      }, reinstallWith),
    ],
  };
}

function configCategory(ns: string): Category {
  const existsByLabel = (description: string, apiVersion: string, kind: string, namespaced: boolean): Check => ({
    description,
    fatal: true,
    async run(ctx) {
      const list = await ctx.client.list(apiVersion, kind, { labelSelector: CP_SELECTOR(ns), namespace: namespaced ? ns : undefined }, ctx.call);
      return list.items.length > 0 ? ok() : fail(`No ${kind} labelled ${CP_SELECTOR(ns)} found.`, `The control plane is incomplete: ${ctx.actions.install} again to resume the install.`);
    },
  });
  return {
    name: 'linkerd-config',
    checks: [
      {
        description: 'control plane Namespace exists',
        fatal: true,
        async run(ctx) {
          return (await ctx.client.tryGet('v1', 'Namespace', ns, undefined, ctx.call)) ? ok() : fail(`Namespace ${ns} not found.`, `${ctx.actions.install}.`);
        },
      },
      existsByLabel('control plane ClusterRoles exist', 'rbac.authorization.k8s.io/v1', 'ClusterRole', false),
      existsByLabel('control plane ClusterRoleBindings exist', 'rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false),
      existsByLabel('control plane ServiceAccounts exist', 'v1', 'ServiceAccount', true),
      { ...existsByLabel('control plane CustomResourceDefinitions exist', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', false), retry: true },
      existsByLabel('control plane MutatingWebhookConfigurations exist', 'admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', false),
      existsByLabel('control plane ValidatingWebhookConfigurations exist', 'admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', false),
      {
        description: 'proxy-init container runs as root user if docker container runtime is used',
        async run(ctx) {
          const docker = await dockerRuntimeNodes(ctx.client, ctx.call);
          if (!docker.length || values(ctx).proxyInit?.runAsRoot) return ok();
          return fail(`Nodes ${docker.join(', ')} run Docker, where proxy-init must run as root, but the install has proxyInit.runAsRoot off.`, `${ctx.actions.upgrade}: it sets proxyInit.runAsRoot for Docker nodes.`);
        },
      },
    ],
  };
}

function versionCategory(release: LinkerdRelease): Category {
  return {
    name: 'control-plane-version',
    checks: [
      {
        description: 'can retrieve the control plane version',
        retry: true,
        fatal: true,
        async run(ctx) {
          const v = values(ctx).linkerdVersion;
          return v ? ok() : fail('linkerd-config records no linkerdVersion.', `${ctx.actions.upgrade} to record it.`);
        },
      },
      {
        description: 'control plane and cli versions match',
        async run(ctx) {
          const v = values(ctx).linkerdVersion;
          return v === release.edge ? ok() : warn(`The control plane runs ${v}; Meshaware carries ${release.edge}.`, `${ctx.actions.upgrade} to bring it to ${release.edge}.`);
        },
      },
    ],
  };
}

function proxyCategory(release: LinkerdRelease, ns: string): Category {
  return {
    name: 'linkerd-control-plane-proxy',
    checks: [
      {
        description: 'control plane proxies are healthy',
        retry: true,
        fatal: true,
        async run(ctx) {
          const pods = await controlPlanePods(ctx, ns);
          const sick = pods
            .filter((p) => proxyContainer(p))
            .filter((p) => ![...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].some((s) => s.name === PROXY_CONTAINER && s.ready))
            .map((p) => p.metadata?.name ?? '?');
          return sick.length ? fail(`The proxies of ${sick.join(', ')} are not ready.`, 'Look at the linkerd-proxy container\'s log of those pods; they cannot get a certificate while identity is down.') : ok();
        },
      },
      {
        description: 'control plane proxies and cli versions match',
        async run(ctx) {
          const other = (await controlPlanePods(ctx, ns)).map((p) => [p.metadata?.name, versionOf(proxyContainer(p)?.image)] as const).filter(([, v]) => v && v !== release.edge);
          return other.length ? warn(`${other.map(([n, v]) => `${n} runs proxy ${v}`).join(', ')}; Meshaware carries ${release.edge}.`, `${ctx.actions.upgrade}.`) : ok();
        },
      },
    ],
  };
}

/** Beyond `linkerd check` (which checks the data plane with --proxy): the meshed pods' proxies. */
function dataPlaneCategory(release: LinkerdRelease, ns: string): Category {
  return {
    name: 'linkerd-data-plane',
    checks: [
      {
        description: 'data plane and cli versions match',
        async run(ctx) {
          const pods = (await ctx.client.list<Pod>('v1', 'Pod', { labelSelector: CP_SELECTOR(ns) }, ctx.call)).items.filter((p) => p.metadata?.namespace !== ns);
          const stale = outdatedProxies(pods, release.edge);
          if (!stale.length) return ok();
          const workloads = staleProxyWorkloads(pods, release.edge);
          const rollable = workloads.filter((w) => isRestartable(w.kind));
          const pinned = rollable.length < workloads.length ? ' Pods of other owners must be deleted to be re-created.' : '';
          return warn(
            `${plural(stale.length, 'meshed pod')} run${stale.length === 1 ? 's' : ''} another proxy version than the control plane (${release.edge}): ${stale.slice(0, 5).map((p) => `${p.namespace}/${p.name} (${p.version})`).join(', ')}${stale.length > 5 ? ', …' : ''}.`,
            `Restart ${workloads.length === 1 ? 'its workload' : `their ${plural(workloads.length, 'workload')}`} to pick up the current proxy.${pinned}`,
            rollable.length ? { action: 'restart', workloads: rollable.map(({ kind, name, namespace }) => ({ kind, name, namespace })) } : undefined,
          );
        },
      },
      {
        description: 'data plane proxies certificate match CA',
        async run(ctx) {
          const anchors = (await ctx.client.tryGet<Data>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', ns, ctx.call))?.data?.['ca-bundle.crt'];
          if (!anchors) return ok();
          const pods = await ctx.client.list<Pod>('v1', 'Pod', { labelSelector: CP_SELECTOR(ns) }, ctx.call);
          const mismatched = pods.items.filter((p) => {
            const env = proxyContainer(p)?.env?.find((e) => e.name === 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS')?.value;
            return env !== undefined && env.trim() !== anchors.trim();
          });
          if (!mismatched.length) return ok();
          const rollable = workloadsOf(mismatched).filter((w) => isRestartable(w.kind));
          return warn(
            `Pods with old trust anchors: ${mismatched.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).join(', ')}.`,
            'Restart their workloads.',
            rollable.length ? { action: 'restart', workloads: rollable.map(({ kind, name, namespace }) => ({ kind, name, namespace })) } : undefined,
          );
        },
      },
    ],
  };
}

/** Crash-looping containers of the namespace, each with the last line of its log: usually the reason. */
async function crashLoops(ctx: CheckContext, ns: string): Promise<string[]> {
  const pods = await ctx.client.list<Pod>('v1', 'Pod', { namespace: ns }, ctx.call);
  const out: string[] = [];
  for (const p of pods.items) {
    for (const c of p.status?.containerStatuses ?? []) {
      if (c.state?.waiting?.reason !== 'CrashLoopBackOff') continue;
      const name = p.metadata?.name ?? '?';
      const log = await ctx.client
        .raw<string>(`/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}/log?container=${encodeURIComponent(c.name)}&tailLines=5`, `the log of ${name}`, ctx.call)
        .catch(() => '');
      const last = String(log).trim().split('\n').filter(Boolean).at(-1);
      out.push(`${name}/${c.name}${last ? ` (log: ${last.slice(0, 300)})` : ''}`);
    }
  }
  return out;
}

/** Meshed pods whose proxy image tag differs from the bundled release: the ones an upgrade leaves to restart. */
export function outdatedProxies(pods: readonly Pod[], edge: string): { namespace: string; name: string; version: string }[] {
  const out: { namespace: string; name: string; version: string }[] = [];
  for (const p of pods) {
    const version = versionOf(proxyContainer(p)?.image);
    if (version && version !== edge) out.push({ namespace: p.metadata?.namespace ?? 'default', name: p.metadata?.name ?? '?', version });
  }
  return out;
}

/** A meshed workload whose pods run another proxy version, named by the pods' owner (a bare pod by itself). */
export interface StaleWorkload {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly proxyVersion: string;
}

/** The owners of the pods that run a proxy other than `edge`: what to restart after an upgrade, or an install. */
export function staleProxyWorkloads(pods: readonly Pod[], edge: string): StaleWorkload[] {
  const out = new Map<string, StaleWorkload>();
  for (const p of pods) {
    const proxyVersion = versionOf(proxyContainer(p)?.image);
    if (!proxyVersion || proxyVersion === edge) continue;
    const [w] = workloadsOf([p]);
    out.set(`${w.namespace}/${w.kind}/${w.name}`, { ...w, proxyVersion });
  }
  return [...out.values()];
}

/** The distinct owners of pods, in their order (a pod without an owner stands for itself). */
function workloadsOf(pods: readonly Pod[]): { namespace: string; kind: string; name: string }[] {
  const out = new Map<string, { namespace: string; kind: string; name: string }>();
  for (const p of pods) {
    const owner = ownerOf(p);
    const w = { namespace: p.metadata?.namespace ?? 'default', kind: owner?.kind ?? 'Pod', name: owner?.name ?? p.metadata?.name ?? '?' };
    out.set(`${w.namespace}/${w.kind}/${w.name}`, w);
  }
  return [...out.values()];
}
