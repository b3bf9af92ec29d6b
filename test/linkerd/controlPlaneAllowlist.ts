/**
 * Every way our rendered control plane may differ from Linkerd's chart rendered with our own values, and
 * why. Each entry also says what our value must be, so an allowed field cannot silently go wrong.
 */
export interface Allowance {
  readonly object: RegExp;
  readonly path: RegExp;
  readonly reason: string;
  /** What our value must be, given Linkerd's. */
  readonly expect: (ours: unknown, linkerd: unknown) => boolean;
}

const isSha256 = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isBase64Pem = (v: unknown) => typeof v === 'string' && Buffer.from(v, 'base64').toString().startsWith('-----BEGIN ');
const isPem = (v: unknown) => typeof v === 'string' && v.startsWith('-----BEGIN ');

/** Against `linkerd install`: the chart rendered with the values we record in linkerd-config. */
export const INSTALL_ALLOWLIST: readonly Allowance[] = [
  {
    object: /^Deployment\/linkerd-(destination|proxy-injector)$/,
    path: /^spec\.template\.metadata\.annotations\.checksum\/config$/,
    reason: "Helm hashes the text its template rendered for the webhook objects; we hash the same objects' YAML. Both change exactly when those objects do, which is what restarts the pods.",
    expect: isSha256,
  },
];

/**
 * Against `linkerd upgrade` run by the linkerd CLI on our install: the chart rendered with a 2.20 CLI's
 * defaults and our linkerd-config-overrides Secret.
 */
export const HANDOVER_ALLOWLIST: readonly Allowance[] = [
  ...INSTALL_ALLOWLIST,
  {
    object: /./,
    path: /(^|\.)annotations\.linkerd\.io\/created-by$|^data\.values\.cliVersion$/,
    reason: 'The linkerd CLI records itself as the creator, as we record Meshaware.',
    expect: (ours, linkerd) => typeof ours === 'string' && ours.startsWith('meshaware ') && typeof linkerd === 'string' && linkerd.startsWith('linkerd/cli '),
  },
  {
    object: /^(Secret\/linkerd-(sp-validator|policy-validator|proxy-injector)-k8s-tls|(Validating|Mutating)WebhookConfiguration\/.*)$/,
    path: /^data\.tls\.(crt|key)$|\.clientConfig\.caBundle$/,
    reason: 'The overrides leave the webhook certificates out, so the CLI generates its own set, as it does on every upgrade of its own installs.',
    expect: isBase64Pem,
  },
  {
    object: /^ConfigMap\/linkerd-config$/,
    path: /^data\.values\.(policyValidator|profileValidator|proxyInjector)\.(caBundle|crtPEM)$/,
    reason: 'The same webhook certificates, as recorded in the values (the CLI records none for the ones it generates).',
    expect: (ours, linkerd) => isPem(ours) && linkerd === '',
  },
];
