/** Every way our CRDs differ from `linkerd install --crds` 2.20's reference output, and why. */

/** CRDs only one side has, as `extra: name` (ours only) or `missing: name` (reference only). */
export const CRD_OBJECT_ALLOWLIST: { entry: string; reason: string }[] = [];

/** Differences in a CRD outside the schemas: object and field path patterns. */
export const CRD_FIELD_ALLOWLIST: { object: RegExp; path: RegExp; reason: string }[] = [
  { object: /./, path: /^metadata\.annotations\.linkerd\.io\/created-by$/, reason: 'We record Meshaware as the creator.' },
  { object: /./, path: /^metadata\.labels\.helm\.sh\/chart$/, reason: 'We are not Helm; the reference carries the chart label of an unversioned test build.' },
  { object: /./, path: /\.additionalPrinterColumns/, reason: 'The schema catalogue has no printer columns; only `kubectl get` output is plainer.' },
  { object: /./, path: /^spec\.names\.listKind$/, reason: 'The API server defaults listKind to <Kind>List, which is what the reference spells out.' },
  { object: /./, path: /^spec\.names\.categories/, reason: 'The schema catalogue has no categories; only the `kubectl get policy` / `kubectl get external` shortcuts are affected.' },
  { object: /./, path: /^status(\.|$)/, reason: 'The reference carries an empty generated status block, which the API server owns.' },
  {
    object: /^servers\.policy\.linkerd\.io$/,
    path: /^spec\.versions\[v1alpha1\]\.deprecationWarning$/,
    reason: 'Our warning names the newest version (v1beta3) as the replacement, as the lint engine suggests; Linkerd names v1beta1.',
  },
];

/** Differences in the fields a version's schema accepts: CRD/version and field path patterns. */
export const SCHEMA_FIELD_ALLOWLIST: { object: RegExp; path: RegExp; reason: string }[] = [
  { object: /./, path: /^\.(apiVersion|kind|metadata)$/, reason: 'The catalogue declares the object envelope explicitly; Kubernetes implies these fields anyway.' },
  {
    object: /./,
    path: /^\.status(\.|$)/,
    reason: 'Status is written only by Linkerd controllers; the catalogue keeps it open (preserve unknown fields) or leaves it out instead of restating its structure.',
  },
  {
    object: /^serviceprofiles\.linkerd\.io\//,
    path: /^\.spec\.dstOverrides(\[\])?$/,
    reason:
      'Linkerd lists authority and weight as required on the dstOverrides array, where the API server ignores `required`; the catalogue cannot say that (its test forbids requiring undeclared fields), and requires neither per entry, as the API server does not.',
  },
];
