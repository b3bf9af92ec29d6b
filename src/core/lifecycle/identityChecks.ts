import { certificateExpiry, EXPIRY_WARNING_DAYS } from '../controlplane/certs/expiry';
import { formatProblem, validateIdentityMaterial, type CertificateProblem, type CertificateRole, type ProblemAspect } from '../controlplane/certs/validate';
import { webhookCertificateProblem, webhookService, WEBHOOKS } from '../controlplane/certs/webhooks';
import { ISSUER_SECRET, TRUST_ROOTS_CONFIGMAP, TRUST_ROOTS_KEY } from '../controlplane/manifests/identityConfig';
import { webhookSecretName } from '../controlplane/manifests/webhooks';
import type { KubeObject } from '../cluster/client';
import { fail, ok, warn, type Category, type Check, type CheckContext } from './checks';

type Data = KubeObject & { data?: Record<string, string> };
type WebhookConfiguration = KubeObject & { webhooks?: { clientConfig?: { caBundle?: string } }[] };

const decode = (b64: string | undefined) => (b64 === undefined ? undefined : Buffer.from(b64, 'base64').toString('utf8'));

interface Identity {
  readonly problems: readonly CertificateProblem[];
}

/**
 * `linkerd check`'s linkerd-identity category (pkg/healthcheck/healthcheck.go): the identity is read once,
 * validated once, and each check reports the problems of its own aspect and role.
 */
export function identityCategory(ns: string): Category {
  const problems = (ctx: CheckContext) => (ctx.facts.get('identity') as Identity).problems;
  const aspectCheck = (description: string, roles: readonly CertificateRole[], aspect: ProblemAspect, severity: 'error' | 'warning', hint: (ctx: CheckContext) => string, fatal = false): Check => ({
    description,
    fatal,
    async run(ctx) {
      const found = problems(ctx).filter((p) => roles.includes(p.role) && p.aspect === aspect && p.severity === severity);
      if (!found.length) return ok();
      const text = found.map(formatProblem).join('; ');
      return severity === 'error' ? fail(text, hint(ctx)) : warn(text, hint(ctx));
    },
  });
  const rotate = (ctx: CheckContext) => `Issue a new issuer from the trust anchor: ${ctx.actions.rotateIssuer}.`;
  const newAnchor = () => 'Plan a trust-anchor rotation: bundle a new anchor with the old one, rotate the issuer, then restart meshed workloads.';
  return {
    name: 'linkerd-identity',
    checks: [
      {
        description: 'certificate config is valid',
        fatal: true,
        async run(ctx) {
          const roots = await ctx.client.tryGet<Data>('v1', 'ConfigMap', TRUST_ROOTS_CONFIGMAP, ns, ctx.call);
          const secret = await ctx.client.tryGet<Data>('v1', 'Secret', ISSUER_SECRET, ns, ctx.call);
          const anchors = roots?.data?.[TRUST_ROOTS_KEY];
          const certPem = decode(secret?.data?.['crt.pem'] ?? secret?.data?.['tls.crt']);
          const keyPem = decode(secret?.data?.['key.pem'] ?? secret?.data?.['tls.key']);
          if (!anchors) return fail(`ConfigMap ${ns}/${TRUST_ROOTS_CONFIGMAP} has no ${TRUST_ROOTS_KEY}.`, `Restore the trust anchor bundle, or ${ctx.actions.install} again.`);
          if (!certPem || !keyPem) return fail(`Secret ${ns}/${ISSUER_SECRET} lacks crt.pem/key.pem (or tls.crt/tls.key).`, rotate(ctx));
          const all = validateIdentityMaterial({ trustAnchorsPem: anchors, issuer: { certPem, keyPem } });
          ctx.facts.set('identity', { problems: all } satisfies Identity);
          const unreadable = all.filter((p) => p.aspect === 'other' && p.severity === 'error' && /no PEM|cannot be parsed|cannot be read|unsupported block/.test(p.message));
          return unreadable.length ? fail(unreadable.map(formatProblem).join('; '), rotate(ctx)) : ok();
        },
      },
      aspectCheck('trust anchors are using supported crypto algorithm', ['trust anchor'], 'algorithm', 'error', newAnchor, true),
      aspectCheck('trust anchors are within their validity period', ['trust anchor'], 'validity', 'error', newAnchor, true),
      aspectCheck(`trust anchors are valid for at least ${EXPIRY_WARNING_DAYS} days`, ['trust anchor'], 'validity', 'warning', newAnchor),
      aspectCheck('issuer cert is using supported crypto algorithm', ['issuer certificate'], 'algorithm', 'error', rotate, true),
      aspectCheck('issuer cert is within its validity period', ['issuer certificate'], 'validity', 'error', rotate, true),
      aspectCheck(`issuer cert is valid for at least ${EXPIRY_WARNING_DAYS} days`, ['issuer certificate'], 'validity', 'warning', rotate),
      aspectCheck('issuer cert is issued by the trust anchor', ['issuer certificate'], 'chain', 'error', (ctx) => `The identity controller crash-loops on this issuer: ${ctx.actions.rotateIssuer} with the anchor the cluster trusts.`),
      // Beyond linkerd check: what Linkerd lets through and the mesh then fails on (path length 0, a key that does not match, EKUs).
      aspectCheck('trust anchors and issuer are usable by the proxies', ['trust anchor', 'issuer certificate', 'issuer key'], 'other', 'error', rotate),
    ],
  };
}

/** `linkerd check`'s linkerd-webhooks-and-apisvc-tls category: each webhook's serving certificate. */
export function webhookCategory(ns: string): Category {
  const configs: Record<(typeof WEBHOOKS)[number], [string, string]> = {
    'proxy-injector': ['MutatingWebhookConfiguration', 'linkerd-proxy-injector-webhook-config'],
    'sp-validator': ['ValidatingWebhookConfiguration', 'linkerd-sp-validator-webhook-config'],
    'policy-validator': ['ValidatingWebhookConfiguration', 'linkerd-policy-validator-webhook-config'],
  };
  const renew = (ctx: CheckContext) => `Renew the webhook certificates: ${ctx.actions.upgrade}.`;
  return {
    name: 'linkerd-webhooks-and-apisvc-tls',
    checks: WEBHOOKS.flatMap((w): Check[] => [
      {
        description: `${w} webhook has valid cert`,
        fatal: true,
        async run(ctx) {
          const [kind, name] = configs[w];
          const config = await ctx.client.tryGet<WebhookConfiguration>('admissionregistration.k8s.io/v1', kind, name, undefined, ctx.call);
          const caBundle = decode(config?.webhooks?.[0]?.clientConfig?.caBundle);
          const cert = decode((await ctx.client.tryGet<Data>('v1', 'Secret', webhookSecretName(w), ns, ctx.call))?.data?.['tls.crt']);
          if (!caBundle) return fail(`${kind} ${name} has no caBundle.`, renew(ctx));
          if (!cert) return fail(`Secret ${ns}/${webhookSecretName(w)} has no tls.crt.`, renew(ctx));
          ctx.facts.set(`webhook:${w}`, cert);
          const problem = webhookCertificateProblem(cert, caBundle, `${webhookService(w)}.${ns}.svc`);
          return problem ? fail(problem, renew(ctx)) : ok();
        },
      },
      {
        description: `${w} cert is valid for at least ${EXPIRY_WARNING_DAYS} days`,
        async run(ctx) {
          const e = certificateExpiry(ctx.facts.get(`webhook:${w}`) as string);
          return e.state === 'valid' ? ok() : warn(`Will expire on ${e.notAfter.toISOString()} (${e.daysLeft} days).`, renew(ctx));
        },
      },
    ]),
  };
}
