import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { KubeObject } from '../store/types';
import { issueCertificate } from '../tls/certificates';
import { CONTROL_PLANE_NS as NS, ISSUER_SECRET, LINKERD_VERSION, PROXY_IMAGE, TRUST_DOMAIN, TRUST_ROOTS_CONFIGMAP } from './constants';

const CONTROLLER_IMAGE = `cr.l5d.io/linkerd/controller:${LINKERD_VERSION}`;

export interface IdentityCredentials {
  anchorPem: string;
  issuerCertPem: string;
  issuerKeyPem: string;
}

/** A trust anchor and an issuer it signed, both ECDSA P-256 as Linkerd requires. */
export async function generateIdentityCredentials(): Promise<IdentityCredentials> {
  const anchor = await issueCertificate({ commonName: `root.${NS}.${TRUST_DOMAIN}`, isCa: true, days: 3650 });
  const issuer = await issueCertificate({ commonName: `identity.${NS}.${TRUST_DOMAIN}`, isCa: true, days: 365, issuer: anchor });
  return { anchorPem: anchor.certPem, issuerCertPem: issuer.certPem, issuerKeyPem: issuer.keyPem };
}

/**
 * The objects `linkerd install` renders that clients look at: namespace, identity credentials, config,
 * the three control-plane deployments and their services, webhook configurations and the policy CRDs.
 */
export function controlPlaneObjects(credentials: IdentityCredentials): KubeObject[] {
  const anchorsHash = createHash('sha256').update(credentials.anchorPem).digest('hex');
  const labels = (component: string) => ({ 'linkerd.io/control-plane-component': component, 'linkerd.io/control-plane-ns': NS });
  const proxy = (native: boolean) => ({
    name: 'linkerd-proxy',
    image: `${PROXY_IMAGE}:${LINKERD_VERSION}`,
    ports: [{ name: 'linkerd-proxy', containerPort: 4143 }, { name: 'linkerd-admin', containerPort: 4191 }],
    env: [{ name: 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', valueFrom: { configMapKeyRef: { name: TRUST_ROOTS_CONFIGMAP, key: 'ca-bundle.crt' } } }],
    ...(native ? { restartPolicy: 'Always' } : {}),
  });
  const deployment = (component: string, containers: object[], nativeProxy: boolean): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `linkerd-${component}`, namespace: NS, labels: { ...labels(component), 'app.kubernetes.io/name': component, 'app.kubernetes.io/part-of': 'Linkerd', 'app.kubernetes.io/version': LINKERD_VERSION } },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels(component) },
      template: {
        metadata: {
          labels: { ...labels(component), 'linkerd.io/workload-ns': NS, 'linkerd.io/proxy-deployment': `linkerd-${component}` },
          annotations: { 'linkerd.io/created-by': `linkerd/cli ${LINKERD_VERSION}`, 'linkerd.io/proxy-version': LINKERD_VERSION, 'linkerd.io/trust-root-sha256': anchorsHash, 'linkerd.io/inject': 'disabled' },
        },
        spec: {
          serviceAccountName: `linkerd-${component}`,
          ...(nativeProxy ? { initContainers: [proxy(true)], containers } : { containers: [proxy(false), ...containers] }),
        },
      },
    },
  });
  const service = (name: string, component: string, port: number, targetPort: number | string, headless = false): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS, labels: labels(component) },
    spec: { selector: { 'linkerd.io/control-plane-component': component }, ports: [{ name: 'grpc', port, targetPort }], ...(headless ? { clusterIP: 'None' } : {}) },
  });
  const webhook = (kind: string, name: string, serviceName: string, path: string) => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: { name, labels: { 'linkerd.io/control-plane-ns': NS } },
    webhooks: [{
      name: `${serviceName}.${NS}.io`,
      clientConfig: { service: { name: serviceName, namespace: NS, path } },
      failurePolicy: 'Ignore',
      admissionReviewVersions: ['v1', 'v1beta1'],
      sideEffects: 'None',
      namespaceSelector: { matchExpressions: [{ key: 'config.linkerd.io/admission-webhooks', operator: 'NotIn', values: ['disabled'] }, { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'cert-manager'] }] },
      rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: kind === 'MutatingWebhookConfiguration' ? ['pods', 'services'] : ['*'] }],
    }],
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NS, labels: { 'linkerd.io/is-control-plane': 'true', 'config.linkerd.io/admission-webhooks': 'disabled', 'linkerd.io/control-plane-ns': NS, 'pod-security.kubernetes.io/enforce': 'privileged' }, annotations: { 'linkerd.io/inject': 'disabled' } },
    },
    ...policyCrds(),
    ...['identity', 'destination', 'proxy-injector'].map((c) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `linkerd-${c}`, namespace: NS, labels: labels(c) } })),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: TRUST_ROOTS_CONFIGMAP, namespace: NS, labels: labels('identity') }, data: { 'ca-bundle.crt': credentials.anchorPem } },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: ISSUER_SECRET, namespace: NS, labels: labels('identity') },
      data: { 'crt.pem': Buffer.from(credentials.issuerCertPem).toString('base64'), 'key.pem': Buffer.from(credentials.issuerKeyPem).toString('base64') },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'linkerd-config', namespace: NS, labels: labels('controller') },
      data: {
        values: stringify({ linkerdVersion: LINKERD_VERSION, controllerImage: 'cr.l5d.io/linkerd/controller', identityTrustDomain: TRUST_DOMAIN, identityTrustAnchorsPEM: credentials.anchorPem, identity: { issuer: { scheme: 'linkerd.io/tls', issuanceLifetime: '24h0m0s', clockSkewAllowance: '20s' } }, proxy: { image: { name: PROXY_IMAGE }, nativeSidecar: true, opaquePorts: '25,587,3306,4444,5432,6379,9300,11211' }, proxyInjector: { namespaceSelector: {} } }),
        'linkerd-crds-chart-version': LINKERD_VERSION,
      },
    },
    deployment('identity', [{ name: 'identity', image: CONTROLLER_IMAGE, args: ['identity', '-log-level=info'], ports: [{ name: 'grpc', containerPort: 8080 }, { name: 'admin-http', containerPort: 9990 }] }], false),
    deployment('destination', [
      { name: 'destination', image: CONTROLLER_IMAGE, args: ['destination'], ports: [{ name: 'grpc', containerPort: 8086 }, { name: 'admin-http', containerPort: 9996 }] },
      { name: 'sp-validator', image: CONTROLLER_IMAGE, args: ['sp-validator'], ports: [{ name: 'sp-validator', containerPort: 8443 }, { name: 'admin-http', containerPort: 9997 }] },
      { name: 'policy', image: CONTROLLER_IMAGE, args: ['policy-controller'], ports: [{ name: 'grpc', containerPort: 8090 }, { name: 'admin-http', containerPort: 9990 }, { name: 'policy-https', containerPort: 9443 }] },
    ], true),
    deployment('proxy-injector', [{ name: 'proxy-injector', image: CONTROLLER_IMAGE, args: ['proxy-injector'], ports: [{ name: 'proxy-injector', containerPort: 8443 }, { name: 'admin-http', containerPort: 9995 }] }], true),
    service('linkerd-identity', 'identity', 8080, 8080),
    service('linkerd-identity-headless', 'identity', 8080, 8080, true),
    service('linkerd-dst', 'destination', 8086, 8086),
    service('linkerd-dst-headless', 'destination', 8086, 8086, true),
    service('linkerd-policy', 'destination', 8090, 8090, true),
    service('linkerd-sp-validator', 'destination', 443, 'sp-validator'),
    service('linkerd-policy-validator', 'destination', 443, 'policy-https'),
    service('linkerd-proxy-injector', 'proxy-injector', 443, 'proxy-injector'),
    webhook('MutatingWebhookConfiguration', 'linkerd-proxy-injector-webhook-config', 'linkerd-proxy-injector', '/'),
    webhook('ValidatingWebhookConfiguration', 'linkerd-sp-validator-webhook-config', 'linkerd-sp-validator', '/'),
    webhook('ValidatingWebhookConfiguration', 'linkerd-policy-validator-webhook-config', 'linkerd-policy-validator', '/'),
  ];
}

/** The CRDs of the linkerd-crds chart, with open schemas: the simulator does not validate their content. */
function policyCrds(): KubeObject[] {
  const crd = (group: string, plural: string, kind: string, versions: string[], shortNames: string[] = []): KubeObject => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, labels: { 'linkerd.io/control-plane-ns': NS } },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind, ...(shortNames.length ? { shortNames } : {}), categories: ['linkerd'] },
      versions: versions.map((name, i) => ({ name, served: true, storage: i === versions.length - 1, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } })),
    },
  });
  return [
    crd('linkerd.io', 'serviceprofiles', 'ServiceProfile', ['v1alpha1', 'v1alpha2'], ['sp']),
    crd('policy.linkerd.io', 'servers', 'Server', ['v1alpha1', 'v1beta1', 'v1beta2', 'v1beta3'], ['srv']),
    crd('policy.linkerd.io', 'serverauthorizations', 'ServerAuthorization', ['v1alpha1', 'v1beta1'], ['saz', 'serverauthz', 'srvauthz']),
    crd('policy.linkerd.io', 'authorizationpolicies', 'AuthorizationPolicy', ['v1alpha1'], ['authzpolicy']),
    crd('policy.linkerd.io', 'meshtlsauthentications', 'MeshTLSAuthentication', ['v1alpha1'], ['meshtlsauthn']),
    crd('policy.linkerd.io', 'networkauthentications', 'NetworkAuthentication', ['v1alpha1'], ['netauthn', 'networkauthn']),
    crd('policy.linkerd.io', 'httproutes', 'HTTPRoute', ['v1alpha1', 'v1beta1', 'v1beta2', 'v1beta3']),
    crd('policy.linkerd.io', 'egressnetworks', 'EgressNetwork', ['v1alpha1']),
    crd('workload.linkerd.io', 'externalworkloads', 'ExternalWorkload', ['v1alpha1', 'v1beta1']),
  ];
}
