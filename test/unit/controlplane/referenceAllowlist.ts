import { BUNDLED } from '../../../src/core/controlplane/catalog';

/**
 * Every way our control plane differs from `linkerd install` 2.20's reference output, and why. Where possible
 * an entry also says what our value must be, so an allowlisted field cannot silently go wrong.
 */

/** Objects only one side has, as `extra: Kind/name` (ours only) or `missing: Kind/name` (reference only). */
export const OBJECT_ALLOWLIST: { entry: string; reason: string }[] = [
  ...['sp-validator', 'policy-validator', 'proxy-injector'].map((w) => ({
    entry: `extra: Secret/linkerd-${w}-k8s-tls`,
    reason: 'The reference was rendered with externalSecret=true (a test fixture); a real install renders the webhook serving certificates, which we generate per install.',
  })),
  {
    entry: 'missing: Secret/linkerd-config-overrides',
    reason: "Only the linkerd CLI's own `upgrade` reads it, and it holds a second copy of the issuer key; Meshaware upgrades from its own state and keeps the issuer key in one Secret.",
  },
];

export interface FieldAllowance {
  readonly object: RegExp;
  readonly path: RegExp;
  readonly reason: string;
  /** What our value must be, given the reference's. */
  readonly expect?: (ours: unknown, reference: unknown) => boolean;
}

const PLACEHOLDER_VERSION = /install-(control-plane|proxy|debug)-version/;
const isPem = (v: unknown) => typeof v === 'string' && v.startsWith('-----BEGIN CERTIFICATE-----');
const isBase64Pem = (v: unknown) => typeof v === 'string' && Buffer.from(v, 'base64').toString().startsWith('-----BEGIN ');
const isSha256 = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const ANY = /./;

/** Field differences inside objects both sides have: object key and field path patterns. */
export const FIELD_ALLOWLIST: FieldAllowance[] = [
  {
    object: ANY,
    path: /(^|\.)annotations\.linkerd\.io\/created-by$|^data\.values\.cliVersion$/,
    reason: 'We record Meshaware as the creator, as the linkerd CLI records itself.',
    expect: (ours) => ours === `meshaware ${BUNDLED.edge}`,
  },
  {
    object: ANY,
    path: /\.image$|app\.kubernetes\.io\/version$|linkerd\.io\/proxy-version$|^data\.values\.(linkerdVersion|proxy\.image\.version|debugContainer\.image\.version)$/,
    reason: 'The reference uses test placeholder versions (install-*-version); we use the release tag from the catalogue.',
    expect: (ours, reference) => typeof reference === 'string' && ours === reference.replace(PLACEHOLDER_VERSION, BUNDLED.edge),
  },
  {
    object: /^(Secret\/linkerd-identity-issuer|ConfigMap\/linkerd-identity-trust-roots)$/,
    path: /^data\./,
    reason: 'Identity certificates are generated per install (the reference embeds a fixed test pair).',
    expect: (ours) => isPem(ours) || isBase64Pem(ours),
  },
  {
    object: /^ConfigMap\/linkerd-config$/,
    path: /^data\.values\.(identityTrustAnchorsPEM|identity\.issuer\.tls\.crtPEM)$/,
    reason: 'The same per-install identity certificates, as recorded in the values.',
    expect: isPem,
  },
  {
    object: /^Deployment\//,
    path: /annotations\.linkerd\.io\/trust-root-sha256$/,
    reason: 'SHA-256 of our per-install trust anchor PEM.',
    expect: isSha256,
  },
  {
    object: /WebhookConfiguration\//,
    path: /\.clientConfig\.caBundle$/,
    reason: 'Our per-install webhook CA (the reference has placeholder text).',
    expect: isBase64Pem,
  },
  {
    object: /^ConfigMap\/linkerd-config$/,
    path: /^data\.values\.(policyValidator|profileValidator|proxyInjector)\.(caBundle|crtPEM)$/,
    reason: 'The webhook CA and serving certificates we generate, recorded like values passed to the chart (keys left out).',
    expect: isPem,
  },
  {
    object: /^ConfigMap\/linkerd-config$/,
    path: /^data\.values\.(policyValidator|profileValidator|proxyInjector)\.externalSecret$/,
    reason: 'The reference fixture uses external webhook secrets; we render them.',
    expect: (ours) => ours === false,
  },
  {
    object: /^Deployment\/linkerd-(destination|proxy-injector)$/,
    path: /annotations\.checksum\/config$/,
    reason: 'A hash of the objects holding the webhook certificates; differs with the certificates (and the chart hashes its template text).',
    expect: isSha256,
  },
  {
    object: /^(CronJob\/linkerd-heartbeat|ConfigMap\/linkerd-config)$/,
    path: /^(spec\.schedule|data\.values\.heartbeatSchedule)$/,
    reason: "`linkerd install` schedules the heartbeat daily at the install's minute and hour; the reference fixes '1 2 3 4 5'.",
    expect: (ours) => typeof ours === 'string' && /^\d{1,2} \d{1,2} \* \* \*$/.test(ours),
  },
  {
    object: /^ClusterRoleBinding\/linkerd-linkerd-proxy-injector$/,
    path: /^subjects\[linkerd-proxy-injector\]\.apiGroup$/,
    reason: 'An empty apiGroup is the default for ServiceAccount subjects; the other bindings leave it out too.',
    expect: (ours, reference) => ours === undefined && reference === '',
  },
];
