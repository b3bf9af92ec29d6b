import * as fc from 'fast-check';

/**
 * Random manifest files for property tests: several documents (workloads of every kind, Pods, Namespaces,
 * Services, ConfigMaps), written with 2- or 4-space indentation, LF or CRLF, optional comments, quoted keys
 * and every shape the pod template's metadata can take. No pod template carries `linkerd.io/inject` yet.
 */

/** A value in the generated YAML: a scalar's text, a flow collection's text, or a block map. */
type Value = { readonly text: string } | { readonly map: Entries } | { readonly items: readonly Entries[] };
type Entries = readonly (readonly [string, Value])[];

interface Style {
  readonly eol: '\n' | '\r\n';
  readonly step: 2 | 4;
  readonly quote: '' | '"' | "'";
  readonly comments: boolean;
}

/** How the pod template's metadata is written, including the null forms where Add then Remove may not be the identity. */
export const METADATA_SHAPES = [
  'none',
  'labels',
  'blockAnnotations',
  'flowAnnotations',
  'emptyFlow',
  'flowMetadata',
  'nullAnnotations',
  'firstNullAnnotations',
  'tildeAnnotations',
  'nullMetadata',
  'commentedNull',
] as const;
export type MetadataShape = (typeof METADATA_SHAPES)[number];

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Rollout'] as const;

const text = (t: string): Value => ({ text: t });
const map = (...entries: (readonly [string, Value])[]): Value => ({ map: entries });

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const annotationKey = fc.constantFrom('prometheus.io/scrape', 'team', 'config.linkerd.io/proxy-cpu-request', 'example.com/note');
const annotationValue = fc.constantFrom('"true"', 'payments', "'100m'", 'a b c');

function templateMetadata(shape: MetadataShape, app: string, extra: readonly (readonly [string, string])[]): (readonly [string, Value])[] {
  const labels = ['labels', map(['app', text(app)])] as const;
  const others = extra.map(([k, v]) => [k, text(v)] as const);
  const flow = `{${extra.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  switch (shape) {
    case 'none':
      return [];
    case 'labels':
      return [['metadata', map(labels)]];
    case 'blockAnnotations':
      return [['metadata', others.length ? map(labels, ['annotations', { map: others }]) : map(labels)]];
    case 'flowAnnotations':
      return [['metadata', map(labels, ['annotations', text(flow)])]];
    case 'emptyFlow':
      return [['metadata', map(['annotations', text('{}')], labels)]];
    case 'flowMetadata':
      return [['metadata', text(`{labels: {app: ${app}}, annotations: ${flow}}`)]];
    case 'nullAnnotations':
      return [['metadata', map(labels, ['annotations', text('')])]];
    case 'firstNullAnnotations':
      return [['metadata', map(['annotations', text('')], labels)]];
    case 'tildeAnnotations':
      return [['metadata', map(labels, ['annotations', text('~')])]];
    case 'nullMetadata':
      return [['metadata', text('null')]];
    case 'commentedNull':
      return [['metadata', map(['annotations', text('# none yet')], labels)]];
  }
}

const workloadDoc = fc
  .record({
    kind: fc.constantFrom(...WORKLOAD_KINDS),
    name,
    namespace: fc.option(name, { nil: undefined }),
    shape: fc.constantFrom(...METADATA_SHAPES),
    extra: fc.uniqueArray(fc.tuple(annotationKey, annotationValue), { maxLength: 2, selector: ([k]) => k }),
    hostNetwork: fc.boolean(),
    blockContainers: fc.boolean(),
    sidecar: fc.constantFrom(undefined, 'istio-proxy', 'linkerd-proxy'),
    udp: fc.boolean(),
  })
  .map(({ kind, name: n, namespace, shape, extra, hostNetwork, blockContainers, sidecar, udp }): Entries => {
    const container: Entries = [
      ['name', text(n)],
      ['image', text(`registry.example.com/${n}:v1`)],
      ...(udp ? [['ports', text('[{containerPort: 53, protocol: UDP}]')] as const] : []),
    ];
    const sidecars: Entries[] = sidecar ? [[['name', text(sidecar)]]] : [];
    const podSpec = map(
      ...(hostNetwork ? [['hostNetwork', text('true')] as const] : []),
      ['containers', blockContainers ? { items: [container, ...sidecars] } : text(`[{name: ${n}, image: "${n}:v1"}${sidecar ? `, {name: ${sidecar}}` : ''}]`)],
    );
    const template = map(...templateMetadata(shape, n, extra), ['spec', podSpec]);
    const spec = kind === 'CronJob' ? map(['schedule', text('"*/5 * * * *"')], ['jobTemplate', map(['spec', map(['template', template])])]) : map(['replicas', text('2')], ['template', template]);
    const apiVersion = kind === 'Rollout' ? 'argoproj.io/v1alpha1' : kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : kind === 'ReplicationController' ? 'v1' : 'apps/v1';
    return [
      ['apiVersion', text(apiVersion)],
      ['kind', text(kind)],
      ['metadata', map(['name', text(n)], ...(namespace ? [['namespace', text(namespace)] as const] : []))],
      ['spec', spec],
    ];
  });

const otherDoc = fc.oneof(
  name.map((n): Entries => [
    ['apiVersion', text('v1')],
    ['kind', text('Service')],
    ['metadata', map(['name', text(n)])],
    ['spec', map(['selector', map(['app', text(n)])], ['ports', text('[{port: 80}]')])],
  ]),
  name.map((n): Entries => [
    ['apiVersion', text('v1')],
    ['kind', text('ConfigMap')],
    ['metadata', map(['name', text(n)])],
    ['data', map(['config.yaml', text('|\n  key: value\n')])],
  ]),
  fc.tuple(name, fc.boolean()).map(([n, labelled]): Entries => [
    ['apiVersion', text('v1')],
    ['kind', text('Namespace')],
    ['metadata', labelled ? map(['name', text(n)], ['labels', map(['team', text('a')])]) : map(['name', text(n)])],
  ]),
  name.map((n): Entries => [
    ['apiVersion', text('v1')],
    ['kind', text('Pod')],
    ['metadata', map(['name', text(n)])],
    ['spec', map(['containers', { items: [[['name', text(n)]]] }])],
  ]),
);

function render(entries: Entries, indent: number, style: Style, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [key, value] of entries) {
    if (style.comments) out.push(`${pad}# ${key}`);
    const k = `${style.quote}${key}${style.quote}`;
    if ('text' in value) {
      // Block scalars (config files in ConfigMaps) keep their own lines, indented under the key.
      const [first, ...rest] = value.text.split('\n');
      out.push(`${pad}${k}:${first ? ` ${first}` : ''}`);
      for (const line of rest.filter(Boolean)) out.push(`${pad}${' '.repeat(style.step)}${line.trimStart()}`);
    } else if ('map' in value) {
      out.push(`${pad}${k}:`);
      render(value.map, indent + style.step, style, out);
    } else {
      out.push(`${pad}${k}:`);
      for (const item of value.items) {
        const lines: string[] = [];
        render(item, indent + 2, { ...style, comments: false }, lines);
        lines[0] = `${pad}- ${lines[0].slice(indent + 2)}`;
        out.push(...lines);
      }
    }
  }
}

export interface GeneratedManifest {
  readonly text: string;
  readonly style: Style;
}

/** A `kind: List` of workloads, as `kubectl get -o yaml` prints several objects. */
const listDoc = fc.array(workloadDoc, { minLength: 1, maxLength: 3 }).map(
  (items): Entries => [
    ['apiVersion', text('v1')],
    ['kind', text('List')],
    ['items', { items }],
  ],
);

export const manifestArbitrary: fc.Arbitrary<GeneratedManifest> = fc
  .record({
    docs: fc.array(fc.oneof({ arbitrary: workloadDoc, weight: 3 }, { arbitrary: otherDoc, weight: 1 }, { arbitrary: listDoc, weight: 1 }), { minLength: 1, maxLength: 4 }),
    style: fc.record({
      eol: fc.constantFrom('\n' as const, '\r\n' as const),
      step: fc.constantFrom(2 as const, 4 as const),
      quote: fc.constantFrom('' as const, '"' as const, "'" as const),
      comments: fc.boolean(),
    }),
    finalNewline: fc.boolean(),
  })
  .map(({ docs, style, finalNewline }) => {
    const parts = docs.map((doc) => {
      const lines: string[] = [];
      render(doc, 0, style, lines);
      return lines.join(style.eol);
    });
    return { text: parts.join(`${style.eol}---${style.eol}`) + (finalNewline ? style.eol : ''), style };
  });
