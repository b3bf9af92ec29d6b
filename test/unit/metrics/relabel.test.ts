import { strict as assert } from 'node:assert';
import type { PodMeta } from '../../../src/core/metrics/model';
import { targetLabels, withTargetLabels } from '../../../src/core/metrics/relabel';

const pod: PodMeta = {
  namespace: 'emojivoto',
  name: 'web-7f9c4b6d8-abcde',
  meshed: true,
  ip: '10.244.0.30',
  labels: {
    app: 'web',
    'app.kubernetes.io/name': 'web',
    'pod-template-hash': '7f9c4b6d8',
    'linkerd.io/control-plane-ns': 'linkerd',
    'linkerd.io/proxy-deployment': 'web',
    'linkerd.io/workload-ns': 'emojivoto',
  },
};

describe('targetLabels', () => {
  it('adds what viz\'s linkerd-proxy scrape job adds', () => {
    assert.deepEqual(targetLabels(pod), {
      namespace: 'emojivoto',
      pod: 'web-7f9c4b6d8-abcde',
      deployment: 'web',
      control_plane_ns: 'linkerd',
      workload_ns: 'emojivoto',
      app: 'web',
      app_kubernetes_io_name: 'web',
      pod_template_hash: '7f9c4b6d8',
      job: 'linkerd-proxy',
      instance: '10.244.0.30:4191',
    });
  });

  it('renames the proxy-job label to k8s_job so Prometheus\'s job survives', () => {
    const labels = targetLabels({ ...pod, ip: undefined, labels: { 'linkerd.io/proxy-job': 'migrate', 'linkerd.io/proxy-cronjob': 'nightly' } });
    assert.deepEqual(labels, { namespace: 'emojivoto', pod: 'web-7f9c4b6d8-abcde', k8s_job: 'migrate', cronjob: 'nightly', job: 'linkerd-proxy' });
  });
});

describe('withTargetLabels', () => {
  it('keeps clashing scraped labels as exported_<name>, as with honor_labels: false', () => {
    assert.deepEqual(withTargetLabels({ direction: 'inbound', namespace: 'x' }, { namespace: 'emojivoto', pod: 'p' }), {
      namespace: 'emojivoto',
      pod: 'p',
      direction: 'inbound',
      exported_namespace: 'x',
    });
  });

  it('keeps only the requested names when asked', () => {
    assert.deepEqual(withTargetLabels({ direction: 'inbound', namespace: 'x', tls: 'true' }, { namespace: 'emojivoto', pod: 'p' }, new Set(['namespace', 'tls', 'exported_namespace'])), {
      namespace: 'emojivoto',
      exported_namespace: 'x',
      tls: 'true',
    });
  });

  it('treats only real target labels as clashes', () => {
    assert.deepEqual(withTargetLabels({ constructor: 'c', toString: 't' }, { pod: 'p' }), { pod: 'p', constructor: 'c', toString: 't' });
  });
});
