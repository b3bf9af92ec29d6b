import type { KubeObject } from '../cluster/client';
import type { LinkerdRelease } from '../controlplane/catalog';
import { fail, ok, warn, type Category, type CheckContext } from './checks';
import { dockerRuntimeNodes } from './clusterFacts';
import { canI, INSTALL_PERMISSIONS } from './permissions';
import { atLeast } from './version';

/** The docker-runtime nodes, listed once per check run. */
async function dockerNodes(ctx: CheckContext): Promise<string[]> {
  const cached = ctx.facts.get('dockerNodes') as string[] | undefined;
  if (cached) return cached;
  const docker = await dockerRuntimeNodes(ctx.client, ctx.call);
  ctx.facts.set('dockerNodes', docker);
  return docker;
}

/** Categories every check mode starts with: the API, its version and the Gateway API CRDs Linkerd needs. */
export function clusterBasics(release: LinkerdRelease, mode: 'pre' | 'installed' = 'installed'): Category[] {
  return [
    {
      name: 'kubernetes-api',
      checks: [
        {
          description: 'can query the Kubernetes API',
          fatal: true,
          async run(ctx) {
            const v = await ctx.client.version(ctx.call);
            ctx.facts.set('kubernetesVersion', v.gitVersion);
            return ok();
          },
        },
      ],
    },
    {
      name: 'kubernetes-version',
      checks: [
        {
          description: 'is running the minimum Kubernetes API version',
          async run(ctx) {
            const v = String(ctx.facts.get('kubernetesVersion') ?? (await ctx.client.version(ctx.call)).gitVersion);
            return atLeast(v, release.minKubernetes)
              ? ok()
              : fail(`Kubernetes ${v} is older than ${release.minKubernetes}, the minimum for Linkerd ${release.version}.`, 'Upgrade the cluster, e.g. recreate it with a newer kind/k3d node image.');
          },
        },
      ],
    },
    {
      name: 'gateway-api-crd',
      checks: [
        {
          description: 'Gateway API CRDs are installed',
          // Before an install a missing CRD is not fatal: install can add the route CRDs itself.
          fatal: mode === 'installed',
          async run(ctx) {
            const missing: string[] = [];
            for (const name of release.gatewayApi.requiredCrds) {
              const crd = await ctx.client.tryGet<KubeObject & { spec?: { versions?: { name: string; served?: boolean }[] } }>('apiextensions.k8s.io/v1', 'CustomResourceDefinition', name, undefined, ctx.call);
              if (!crd) missing.push(name);
              else if (!crd.spec?.versions?.some((v) => v.name === 'v1' && v.served !== false)) missing.push(`${name} (does not serve v1)`);
            }
            if (missing.length === 0) return ok();
            const problem = `Missing Gateway API CRDs: ${missing.join(', ')}.`;
            return mode === 'pre'
              ? warn(problem, `Install adds the HTTPRoute and GRPCRoute CRDs Linkerd needs (as installGatewayAPI=true does); or install Gateway API ${release.gatewayApi.recommended} yourself first.`)
              : fail(problem, `Install Gateway API ${release.gatewayApi.recommended} (standard channel), or ${ctx.actions.install} again, which adds the route CRDs.`);
          },
        },
      ],
    },
  ];
}

/** `check --pre`: can this user install Linkerd here, and is anything in the way? */
export function preInstallCategories(release: LinkerdRelease, namespace = 'linkerd'): Category[] {
  return [
    ...clusterBasics(release, 'pre'),
    {
      name: 'pre-kubernetes-setup',
      checks: [
        {
          description: 'control plane namespace does not already exist',
          async run(ctx) {
            const ns = await ctx.client.tryGet('v1', 'Namespace', namespace, undefined, ctx.call);
            return ns ? warn(`The namespace "${namespace}" already exists.`, `Linkerd may already be installed: check it, or ${ctx.actions.upgrade}; installing again resumes a partial install.`) : ok();
          },
        },
        ...INSTALL_PERMISSIONS.map((q) => ({
          description: q.label,
          async run(ctx: CheckContext) {
            const a = await canI(ctx.client, q, ctx.call);
            const what = `${q.verb} ${q.resource}${q.group ? `.${q.group}` : ''}${q.namespace ? ` in namespace "${q.namespace}"` : ''}`;
            return a.allowed ? ok() : fail(`Not allowed to ${what}${a.reason ? `: ${a.reason}` : ''}.`, `Ask a cluster admin for RBAC permission to ${what}, or use an admin context (local clusters give you one).`);
          },
        })),
        {
          description: 'container runtime allows proxy-init without root',
          async run(ctx) {
            const docker = await dockerNodes(ctx);
            return docker.length === 0
              ? ok()
              : warn(`Nodes ${docker.join(', ')} use the Docker container runtime, where proxy-init must run as root.`, 'Meshaware sets proxyInit.runAsRoot=true automatically for this cluster.');
          },
        },
      ],
    },
  ];
}
