import type { KubeObject } from '../cluster/client';
import type { LinkerdRelease } from '../controlplane/catalog';
import { certificateExpiry, EXPIRY_WARNING_DAYS } from '../controlplane/certs/expiry';
import { formatProblem, validateIdentityMaterial } from '../controlplane/certs/validate';
import { WEBHOOKS } from '../controlplane/certs/webhooks';
import { fail, ok, warn, type Category, type CheckContext } from './checks';
import { clusterBasics } from './preChecks';
import { plural } from '../text/plural';

/** The deployments whose pods must be ready for the mesh to work (linkerd check's "control plane pods are ready"). */
export const CORE_DEPLOYMENTS = ['linkerd-identity', 'linkerd-destination', 'linkerd-proxy-injector'] as const;

type Deployment = KubeObject & { spec?: { replicas?: number }; status?: { availableReplicas?: number; readyReplicas?: number } };
type Pod = KubeObject & {
  status?: { phase?: string; containerStatuses?: { name: string; ready?: boolean; restartCount?: number; state?: { waiting?: { reason?: string } } }[] };
  spec?: { containers?: Container[]; initContainers?: Container[] };
};
type Container = { name?: string; image?: string; env?: { name?: string; value?: string }[] };
type Data = KubeObject & { data?: Record<string, string> };

const CP_SELECTOR = (ns: string) => `linkerd.io/control-plane-ns=${ns}`;

function decode(secret: Data | undefined, key: string): string | undefined {
  const v = secret?.data?.[key];
  return v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8');
}

async function trustAnchors(ctx: CheckContext, ns: string): Promise<string | undefined> {
  const cm = await ctx.client.tryGet<Data>('v1', 'ConfigMap', 'linkerd-identity-trust-roots', ns, ctx.call);
  return cm?.data?.['ca-bundle.crt'];
}

/** Checks of an installed control plane, in `linkerd check`'s category order. */
export function controlPlaneCategories(release: LinkerdRelease, ns = 'linkerd'): Category[] {
  const existsByLabel = (description: string, apiVersion: string, kind: string, namespaced: boolean) => ({
    description,
    fatal: true,
    async run(ctx: CheckContext) {
      const list = await ctx.client.list(apiVersion, kind, { labelSelector: CP_SELECTOR(ns), namespace: namespaced ? ns : undefined }, ctx.call);
      return list.items.length > 0 ? ok() : fail(`No ${kind} labelled ${CP_SELECTOR(ns)} found.`, 'The control plane is incomplete: run "Meshaware: Install Linkerd" again to resume the install.');
    },
  });
  return [
    ...clusterBasics(release),
    {
      name: 'linkerd-existence',
      checks: [
        {
          description: "'linkerd-config' config map exists",
          fatal: true,
          async run(ctx) {
            const cm = await ctx.client.tryGet<Data>('v1', 'ConfigMap', 'linkerd-config', ns, ctx.call);
            if (!cm) return fail(`ConfigMap ${ns}/linkerd-config not found.`, 'Linkerd is not installed here: run "Meshaware: Install Linkerd".');
            ctx.facts.set('linkerdConfig', cm);
            return ok();
          },
        },
        {
          description: 'control plane pods are ready',
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
                ? 'The log line above says why; identity crash-loops when its issuer does not match the trust anchors (rotate the issuer with the right anchor).'
                : 'Wait for the pods to start, or look at their events.',
            );
          },
        },
      ],
    },
    {
      name: 'linkerd-config',
      checks: [
        {
          description: 'control plane Namespace exists',
          fatal: true,
          async run(ctx) {
            return (await ctx.client.tryGet('v1', 'Namespace', ns, undefined, ctx.call)) ? ok() : fail(`Namespace ${ns} not found.`, 'Install Linkerd.');
          },
        },
        existsByLabel('control plane ClusterRoles exist', 'rbac.authorization.k8s.io/v1', 'ClusterRole', false),
        existsByLabel('control plane ClusterRoleBindings exist', 'rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false),
        existsByLabel('control plane ServiceAccounts exist', 'v1', 'ServiceAccount', true),
        existsByLabel('control plane CustomResourceDefinitions exist', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', false),
        existsByLabel('control plane MutatingWebhookConfigurations exist', 'admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', false),
        existsByLabel('control plane ValidatingWebhookConfigurations exist', 'admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', false),
      ],
    },
    {
      name: 'linkerd-identity',
      checks: [
        {
          description: 'certificate config is valid',
          fatal: true,
          async run(ctx) {
            const anchors = await trustAnchors(ctx, ns);
            const secret = await ctx.client.tryGet<Data>('v1', 'Secret', 'linkerd-identity-issuer', ns, ctx.call);
            const certPem = decode(secret, 'crt.pem') ?? decode(secret, 'tls.crt');
            const keyPem = decode(secret, 'key.pem') ?? decode(secret, 'tls.key');
            if (!anchors) return fail(`ConfigMap ${ns}/linkerd-identity-trust-roots has no ca-bundle.crt.`, 'Re-run the install, or restore the trust anchor bundle.');
            if (!certPem || !keyPem) return fail(`Secret ${ns}/linkerd-identity-issuer lacks crt.pem/key.pem (or tls.crt/tls.key).`, 'Rotate the issuer ("Meshaware: Rotate Identity Issuer").');
            ctx.facts.set('identity', { anchors, certPem, keyPem });
            return ok();
          },
        },
        {
          description: 'trust anchors and issuer are valid for Linkerd',
          fatal: true,
          async run(ctx) {
            const id = ctx.facts.get('identity') as { anchors: string; certPem: string; keyPem: string };
            const problems = validateIdentityMaterial({ trustAnchorsPem: id.anchors, issuer: { certPem: id.certPem, keyPem: id.keyPem } });
            const errors = problems.filter((p) => p.severity === 'error');
            if (errors.length) return fail(errors.map(formatProblem).join('; '), 'The identity controller will crash-loop: rotate the issuer with a certificate signed by the trust anchor.');
            const warnings = problems.filter((p) => p.severity === 'warning');
            return warnings.length ? warn(warnings.map(formatProblem).join('; '), `Rotate before expiry: Linkerd warns ${EXPIRY_WARNING_DAYS} days ahead.`) : ok();
          },
        },
        ...(['anchors', 'issuer'] as const).map((which) => ({
          description: which === 'anchors' ? `trust anchors are valid for at least ${EXPIRY_WARNING_DAYS} days` : `issuer cert is valid for at least ${EXPIRY_WARNING_DAYS} days`,
          async run(ctx: CheckContext) {
            const id = ctx.facts.get('identity') as { anchors: string; certPem: string };
            const e = certificateExpiry(which === 'anchors' ? id.anchors : id.certPem);
            if (e.state === 'valid') return ok();
            const hint = which === 'issuer' ? 'Run "Meshaware: Rotate Identity Issuer".' : 'Plan a trust-anchor rotation (new anchor bundled with the old one, then restart meshed workloads).';
            return e.state === 'expiring-soon' ? warn(`Will expire on ${e.notAfter.toISOString()} (${e.daysLeft} days).`, hint) : fail(e.state === 'expired' ? `Not valid anymore. Expired on ${e.notAfter.toISOString()}.` : `Not valid yet (${e.state}).`, hint);
          },
        })),
      ],
    },
    {
      name: 'linkerd-webhooks-and-apisvc-tls',
      checks: WEBHOOKS.map((w) => ({
        description: `${w} cert is valid for at least ${EXPIRY_WARNING_DAYS} days`,
        async run(ctx: CheckContext) {
          const secret = await ctx.client.tryGet<Data>('v1', 'Secret', `linkerd-${w}-k8s-tls`, ns, ctx.call);
          const pem = decode(secret, 'tls.crt');
          if (!pem) return fail(`Secret ${ns}/linkerd-${w}-k8s-tls has no tls.crt.`, 'Re-run the install to regenerate the webhook certificates.');
          const e = certificateExpiry(pem);
          if (e.state === 'valid') return ok();
          return e.state === 'expiring-soon' ? warn(`Will expire on ${e.notAfter.toISOString()}.`, 'Re-run "Meshaware: Upgrade Linkerd" to renew webhook certificates.') : fail(`Certificate is ${e.state}.`, 'Re-run "Meshaware: Upgrade Linkerd" to renew webhook certificates.');
        },
      })),
    },
    {
      name: 'linkerd-data-plane',
      checks: [
        {
          description: 'data plane proxies are up-to-date',
          async run(ctx) {
            const pods = await ctx.client.list<Pod>('v1', 'Pod', { labelSelector: CP_SELECTOR(ns) }, ctx.call);
            const stale = outdatedProxies(pods.items, release.edge).filter((p) => p.namespace !== ns);
            return stale.length === 0
              ? ok()
              : warn(`${plural(stale.length, 'meshed pod')} run${stale.length === 1 ? 's' : ''} another proxy version: ${stale.slice(0, 5).map((p) => `${p.namespace}/${p.name} (${p.version})`).join(', ')}${stale.length > 5 ? ', …' : ''}.`, 'Restart their workloads to pick up the current proxy.');
          },
        },
        {
          description: 'data plane proxies certificate match CA',
          async run(ctx) {
            const anchors = await trustAnchors(ctx, ns);
            if (!anchors) return ok();
            const pods = await ctx.client.list<Pod>('v1', 'Pod', { labelSelector: CP_SELECTOR(ns) }, ctx.call);
            const mismatched = pods.items.filter((p) => {
              const env = proxyContainer(p)?.env?.find((e) => e.name === 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS')?.value;
              return env !== undefined && env.trim() !== anchors.trim();
            });
            return mismatched.length === 0 ? ok() : warn(`Pods with old trust anchors: ${mismatched.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).join(', ')}.`, 'Restart these workloads.');
          },
        },
      ],
    },
  ];
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

function proxyContainer(p: Pod) {
  return [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])].find((c) => c.name === 'linkerd-proxy');
}

/** Meshed pods whose proxy image tag differs from the bundled release: the ones an upgrade leaves to restart. */
export function outdatedProxies(pods: readonly Pod[], edge: string): { namespace: string; name: string; version: string }[] {
  const out: { namespace: string; name: string; version: string }[] = [];
  for (const p of pods) {
    const image = proxyContainer(p)?.image;
    if (!image) continue;
    const version = image.slice(image.lastIndexOf(':') + 1);
    if (version !== edge) out.push({ namespace: p.metadata?.namespace ?? 'default', name: p.metadata?.name ?? '?', version });
  }
  return out;
}
