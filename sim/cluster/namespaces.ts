import type { ObjectApi } from '../api/objects';

/**
 * What kube-controller-manager puts in every new namespace: the `default` ServiceAccount pods run as,
 * and the `kube-root-ca.crt` ConfigMap carrying the cluster CA.
 */
export function namespaceDefaults(api: ObjectApi, caPem: string): () => void {
  const serviceAccounts = api.typeOf('ServiceAccount');
  const configMaps = api.typeOf('ConfigMap');
  return api.store.subscribe((event) => {
    if (event.key !== '/namespaces' || event.type !== 'ADDED') return;
    const namespace = event.object.metadata.name!;
    // After the namespace's own creation has been answered, as the controllers would.
    setImmediate(() => {
      if (!api.find(api.typeOf('Namespace'), undefined, namespace)) return;
      if (!api.find(serviceAccounts, namespace, 'default')) api.create(serviceAccounts, namespace, { metadata: { name: 'default' } }, { fieldManager: 'kube-controller-manager' });
      if (!api.find(configMaps, namespace, 'kube-root-ca.crt')) {
        api.create(configMaps, namespace, { metadata: { name: 'kube-root-ca.crt', annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': caPem } }, { fieldManager: 'kube-controller-manager' });
      }
    });
  });
}
