// Injection core on a large file: what the code lenses compute on every change, and "inject everything".
import { parseAllDocuments } from 'yaml';
import { findInjectionTargets, planInjectionEdit } from '../src/core/inject';
import { applyEdits } from '../src/core/text/lineIndex';
import { parseManifest } from '../src/core/yaml/manifest';
import { median, report } from './measure';

const DOCUMENTS = 5000;

function workload(i: number): string {
  const kind = ['Deployment', 'StatefulSet', 'DaemonSet'][i % 3];
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: app-${i}
  namespace: team-${i % 17}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
${i % 4 === 0 ? '      annotations:\n        prometheus.io/scrape: "true"\n' : ''}    spec:
      containers:
      - name: app
        image: registry.example.com/app-${i}:v1
        ports:
        - containerPort: 8080
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`;
}

function cronJob(i: number): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: job-${i}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: job
            image: registry.example.com/job:v1
`;
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector:
    app: app-${i}
  ports:
  - port: 80
    targetPort: 8080
`;
}

function configMap(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
data:
  settings.yaml: |
    level: info
    feature: ${i % 2 === 0}
`;
}

const makers = [workload, service, workload, configMap, cronJob];
const text = Array.from({ length: DOCUMENTS }, (_, i) => makers[i % makers.length](i)).join('---\n');

const targetsOnce = () => findInjectionTargets(parseManifest(text));
const expected = targetsOnce().length;
if (expected !== 3000) throw new Error(`expected 3000 targets, found ${expected}`);

function injectAll(): string {
  const parsed = parseManifest(text);
  const edits = findInjectionTargets(parsed).flatMap((t) => planInjectionEdit(parsed, t, { kind: 'add', value: 'enabled' }));
  return applyEdits(text, edits);
}

/**
 * The machine is shared, so load changes during a run: the baseline and each measured step alternate, run by run,
 * and each gets the median of its own samples.
 */
function interleaved(fns: readonly (() => unknown)[], runs = 5, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fns.forEach((fn) => fn());
  const samples = fns.map((): number[] => []);
  for (let r = 0; r < runs; r++) {
    fns.forEach((fn, i) => {
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = process.hrtime.bigint();
      fn();
      samples[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return samples.map(median);
}

console.log(`${DOCUMENTS} documents, ${(text.length / 1024).toFixed(0)} KiB, ${expected} targets`);
const [baseline, lenses, injected] = interleaved([() => parseAllDocuments(text), targetsOnce, injectAll]);
report('yaml parseAllDocuments (baseline)', baseline, 'baseline', baseline);
report('parseManifest + findInjectionTargets', lenses, 'baseline', baseline, 1.5);
report('parse + plan Add for every target + apply', injected, 'baseline', baseline);
