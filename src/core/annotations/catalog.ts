/**
 * The annotations that Linkerd's proxy injector (and, for a few, the policy and destination controllers) read
 * from pods, pod templates, namespaces and services. Completion, hover, the grammar test and the lint all
 * work from this one table, so a new annotation is added here and nowhere else.
 */

/** How a value is parsed, so checks can be written once per type rather than once per annotation. */
export type AnnotationValueType =
  | 'enum'
  | 'bool'
  | 'int'
  | 'port'
  | 'portList'
  | 'quantity'
  | 'duration'
  | 'cidrList'
  | 'string'
  | 'json'
  | 'logLevel'
  | 'float';

/** Where an annotation has an effect: on pods (directly or through a pod template), namespaces, services. */
export type AnnotationHost = 'pod' | 'namespace' | 'service';

export interface AnnotationValue {
  readonly value: string;
  readonly description: string;
}

export interface AnnotationSpec {
  readonly key: string;
  /** What the annotation changes, in one or two sentences. */
  readonly description: string;
  readonly valueType: AnnotationValueType;
  /** The accepted text, in words (for hovers and messages). */
  readonly format: string;
  /** The complete set of accepted values, for `enum` (and, for documentation, `bool`). */
  readonly values?: readonly AnnotationValue[];
  /** For `portList`: whether `a-b` ranges and container-port names are accepted. */
  readonly portList?: { readonly ranges: boolean; readonly names: boolean };
  /** Bounds for `int` and `float`; `exclusive` makes both bounds exclusive. */
  readonly bounds?: { readonly min?: number; readonly max?: number; readonly exclusive?: boolean };
  /** What applies when the annotation is absent (undefined: nothing is configured). */
  readonly default?: string;
  readonly example: string;
  /** The first Linkerd release that reads it. */
  readonly since: string;
  /** True when a value on the Namespace is copied onto pods that do not set the key themselves. */
  readonly namespaceInheritable: boolean;
  /** The annotation to use instead, when this one is kept only for compatibility. */
  readonly deprecatedBy?: string;
  /** Surprises worth knowing before relying on it. */
  readonly caveat?: string;
  /** What the injector does with a value it cannot parse. */
  readonly onBadValue: string;
  /** Set when the annotation also has an effect on a Service (it always does on pods). */
  readonly readOnServices?: true;
}

const BOOL: readonly AnnotationValue[] = [
  { value: 'true', description: 'On.' },
  { value: 'false', description: 'Off.' },
];
const PULL_POLICY: readonly AnnotationValue[] = [
  { value: 'Always', description: 'Pull the image every time a pod starts.' },
  { value: 'IfNotPresent', description: 'Pull the image only when the node does not have it yet.' },
  { value: 'Never', description: 'Never pull; the image must already be on the node.' },
];
const ENABLED_DISABLED = (on: string, off: string): readonly AnnotationValue[] => [
  { value: 'enabled', description: on },
  { value: 'disabled', description: off },
];

const IGNORED = 'The injector ignores it and keeps the default.';
const WARN_IGNORED = 'The injector logs a warning and keeps the default.';
const VERBATIM = 'The injector passes it on unchecked, so a bad value breaks the pod at start-up.';
const PORT_RANGES = { ranges: true, names: false } as const;

function quantity(key: string, what: string, example: string, since: string, extra = ''): AnnotationSpec {
  return {
    key,
    description: `${what} of the proxy container.${extra}`,
    valueType: 'quantity',
    format: 'Kubernetes resource quantity',
    example,
    since,
    namespaceInheritable: true,
    onBadValue: WARN_IGNORED,
  };
}

function duration(key: string, description: string, example: string, defaultValue: string | undefined, since: string): AnnotationSpec {
  return {
    key,
    description,
    valueType: 'duration',
    format: 'Go duration, such as 500ms, 10s or 1h',
    default: defaultValue,
    example,
    since,
    namespaceInheritable: true,
    onBadValue: WARN_IGNORED,
  };
}

function proxyPort(key: string, what: string, port: string): AnnotationSpec {
  return {
    key,
    description: `The port the proxy listens on for ${what}.`,
    valueType: 'port',
    format: 'port number (1-65535)',
    default: port,
    example: port,
    since: '2.3.0',
    namespaceInheritable: true,
    onBadValue: IGNORED,
  };
}

function flag(key: string, description: string, since: string, namespaceInheritable = true, onBadValue = WARN_IGNORED): AnnotationSpec {
  return { key, description, valueType: 'bool', format: 'true or false', values: BOOL, default: 'false', example: 'true', since, namespaceInheritable, onBadValue };
}

export const ANNOTATIONS: readonly AnnotationSpec[] = [
  {
    key: 'linkerd.io/inject',
    description:
      'Asks the proxy injector to add the Linkerd proxy to the pod. On a Namespace it is the default for every pod created in it; a pod can opt out with `disabled`.',
    valueType: 'enum',
    format: 'enabled, disabled or ingress (exact, lower case)',
    values: [
      { value: 'enabled', description: 'Inject the proxy.' },
      { value: 'disabled', description: 'Do not inject the proxy, even when the namespace asks for it.' },
      {
        value: 'ingress',
        description: 'Inject the proxy in ingress mode: it routes on the request host or `l5d-dst-override` header instead of the original destination. For ingress controllers.',
      },
    ],
    example: 'enabled',
    since: '2.2.0 (ingress: 2.9.0)',
    namespaceInheritable: true,
    caveat: 'Linkerd reads it only from the pod (or pod template) and the Namespace; on the top-level metadata of a Deployment or other workload it does nothing. Running pods change only when they are re-created.',
    onBadValue: 'The pod is not injected. An invalid value on the Namespace blocks injection for every pod in it.',
  },
  {
    key: 'config.linkerd.io/proxy-image',
    description: 'The proxy container image, without its tag.',
    valueType: 'string',
    format: 'image name without a tag',
    default: 'cr.l5d.io/linkerd/proxy',
    example: 'cr.l5d.io/linkerd/proxy',
    since: '2.3.0',
    namespaceInheritable: true,
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/proxy-version',
    description: 'The tag of the proxy image.',
    valueType: 'string',
    format: 'image tag',
    default: 'the installed Linkerd version',
    example: 'edge-26.8.3',
    since: '2.3.0',
    namespaceInheritable: true,
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/image-pull-policy',
    description: 'The pull policy of the proxy and proxy-init images.',
    valueType: 'enum',
    format: 'Always, IfNotPresent or Never',
    values: PULL_POLICY,
    default: 'IfNotPresent',
    example: 'Always',
    since: '2.3.0',
    namespaceInheritable: true,
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/debug-image',
    description: 'The image of the debug sidecar, without its tag.',
    valueType: 'string',
    format: 'image name without a tag',
    default: 'cr.l5d.io/linkerd/debug',
    example: 'cr.l5d.io/linkerd/debug',
    since: '2.7.0',
    namespaceInheritable: false,
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/debug-image-version',
    description: 'The tag of the debug sidecar image.',
    valueType: 'string',
    format: 'image tag',
    default: 'the installed Linkerd version',
    example: 'edge-26.8.3',
    since: '2.7.0',
    namespaceInheritable: false,
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/debug-image-pull-policy',
    description: 'The pull policy of the debug sidecar image.',
    valueType: 'enum',
    format: 'Always, IfNotPresent or Never',
    values: PULL_POLICY,
    default: 'the proxy image pull policy',
    example: 'IfNotPresent',
    since: '2.7.0',
    namespaceInheritable: false,
    onBadValue: VERBATIM,
  },
  flag('config.linkerd.io/enable-debug-sidecar', 'Adds the debug sidecar (tcpdump, tshark and friends) next to the proxy.', '2.4.0', true, 'The injector logs a warning and treats it as false.'),
  proxyPort('config.linkerd.io/admin-port', 'metrics, health and readiness checks', '4191'),
  proxyPort('config.linkerd.io/control-port', 'tap and other control traffic', '4190'),
  proxyPort('config.linkerd.io/inbound-port', 'inbound traffic redirected to it', '4143'),
  proxyPort('config.linkerd.io/outbound-port', 'outbound traffic redirected to it', '4140'),
  {
    key: 'config.linkerd.io/skip-inbound-ports',
    description: 'Inbound ports whose traffic bypasses the proxy entirely (no mTLS, no metrics).',
    valueType: 'portList',
    format: 'comma-separated ports or ranges (a-b)',
    portList: PORT_RANGES,
    default: '4567,4568',
    example: '25,4000-4100',
    since: '2.3.0',
    namespaceInheritable: true,
    caveat: 'The value replaces the default list rather than adding to it; the proxy control and admin ports are always skipped.',
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/skip-outbound-ports',
    description: 'Outbound destination ports whose traffic bypasses the proxy entirely.',
    valueType: 'portList',
    format: 'comma-separated ports or ranges (a-b)',
    portList: PORT_RANGES,
    default: '4567,4568',
    example: '443',
    since: '2.3.0',
    namespaceInheritable: true,
    caveat: 'The value replaces the default list rather than adding to it.',
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/skip-subnets',
    description: 'Destination networks whose outbound traffic bypasses the proxy.',
    valueType: 'cidrList',
    format: 'comma-separated CIDRs',
    example: '10.0.0.0/8',
    since: '2.12.0',
    namespaceInheritable: true,
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/opaque-ports',
    description:
      'Ports whose traffic is proxied as opaque TCP, without protocol detection. Needed for protocols where the server speaks first (MySQL, SMTP, Redis and the like). On a Service it marks the service ports.',
    valueType: 'portList',
    format: 'comma-separated ports, ranges (a-b) or container-port names',
    portList: { ranges: true, names: true },
    default: '25,587,3306,4444,5432,6379,9300,11211, limited to the ports the pod declares',
    example: '3306,9000-9010,mysql',
    since: '2.9.0',
    namespaceInheritable: true,
    caveat: "The policy controller accepts only numbers and ranges on pods: one port name or bad entry makes it ignore the whole list. A Server that selects the port overrides this annotation with its proxyProtocol.",
    onBadValue: 'The injector drops invalid entries with a warning.',
    readOnServices: true,
  },
  {
    key: 'config.linkerd.io/pod-inbound-ports',
    description: 'The ports the pod serves, which the proxy uses to discover inbound policy ahead of time.',
    valueType: 'portList',
    format: 'comma-separated ports',
    portList: { ranges: false, names: false },
    default: 'computed from the container ports and HTTP probe ports',
    example: '8080,9090',
    since: '2.11.0',
    namespaceInheritable: true,
    caveat: 'Since 2.16 the injector recomputes this list from the pod spec after reading the annotation, so the annotation appears to have no effect.',
    onBadValue: VERBATIM,
  },
  quantity('config.linkerd.io/proxy-cpu-request', 'CPU request', '100m', '2.3.0', ' It also sets the minimum number of proxy worker threads (whole cores, rounded up).'),
  quantity('config.linkerd.io/proxy-cpu-limit', 'CPU limit', '1', '2.3.0', ' It also caps the number of proxy worker threads.'),
  {
    key: 'config.linkerd.io/proxy-cpu-ratio-limit',
    description: "Caps the proxy's worker threads at this fraction of the node's CPUs.",
    valueType: 'float',
    format: 'decimal number strictly between 0 and 1',
    bounds: { min: 0, max: 1, exclusive: true },
    example: '0.25',
    since: '2.18 (edge-25.3.3)',
    namespaceInheritable: false,
    onBadValue: WARN_IGNORED,
  },
  quantity('config.linkerd.io/proxy-memory-request', 'Memory request', '64Mi', '2.3.0'),
  quantity('config.linkerd.io/proxy-memory-limit', 'Memory limit', '250Mi', '2.3.0'),
  quantity('config.linkerd.io/proxy-ephemeral-storage-request', 'Ephemeral storage request', '10Mi', '2.12.0'),
  quantity('config.linkerd.io/proxy-ephemeral-storage-limit', 'Ephemeral storage limit', '50Mi', '2.12.0'),
  {
    key: 'config.linkerd.io/proxy-uid',
    description: 'The user id the proxy container runs as.',
    valueType: 'int',
    format: 'non-negative integer',
    bounds: { min: 0 },
    default: '2102',
    example: '2102',
    since: '2.3.0',
    namespaceInheritable: true,
    onBadValue: IGNORED,
  },
  {
    key: 'config.linkerd.io/proxy-gid',
    description: 'The group id the proxy container runs as; a negative value leaves it unset.',
    valueType: 'int',
    format: 'integer',
    default: '-1 (unset)',
    example: '2102',
    since: '2.16 (edge-24.5.4)',
    namespaceInheritable: true,
    onBadValue: IGNORED,
  },
  {
    key: 'config.linkerd.io/proxy-log-level',
    description: 'How much the proxy logs, globally and per module.',
    valueType: 'logLevel',
    format: 'level[,target=level]... with levels error, warn, info, debug, trace or off',
    default: 'warn,linkerd=info,hickory=error',
    example: 'warn,linkerd=debug',
    since: '2.3.0',
    namespaceInheritable: true,
    onBadValue: 'Only the linkerd CLI checks it; the injector passes it on.',
  },
  {
    key: 'config.linkerd.io/proxy-log-format',
    description: 'The format of the proxy logs.',
    valueType: 'enum',
    format: 'plain or json',
    values: [
      { value: 'plain', description: 'Human-readable lines.' },
      { value: 'json', description: 'One JSON object per line, for log pipelines.' },
    ],
    default: 'plain',
    example: 'json',
    since: '2.9.0',
    namespaceInheritable: true,
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/proxy-log-http-headers',
    description: 'Whether proxy debug logs may include HTTP headers, which can carry secrets.',
    valueType: 'enum',
    format: 'off or insecure',
    values: [
      { value: 'off', description: 'Never log headers.' },
      { value: 'insecure', description: 'Log headers in debug output, including sensitive ones.' },
    ],
    default: 'off',
    example: 'insecure',
    since: '2.16 (edge-24.6.2)',
    namespaceInheritable: true,
    onBadValue: 'Anything other than insecure acts as off.',
  },
  {
    key: 'config.linkerd.io/access-log',
    description: 'Turns on HTTP access logging in the proxy, in the given format.',
    valueType: 'enum',
    format: 'apache or json',
    values: [
      { value: 'apache', description: 'Apache common log format.' },
      { value: 'json', description: 'One JSON object per request.' },
    ],
    example: 'json',
    since: '2.12.0',
    namespaceInheritable: true,
    onBadValue: VERBATIM,
  },
  {
    key: 'config.linkerd.io/proxy-admin-shutdown',
    description: "Lets a request to the proxy's admin /shutdown endpoint stop the proxy (used by Jobs to end their sidecar).",
    valueType: 'enum',
    format: 'enabled or disabled',
    values: ENABLED_DISABLED('The admin endpoint can shut the proxy down.', 'The endpoint is refused.'),
    default: 'disabled',
    example: 'enabled',
    since: '2.16 (edge-24.6.2)',
    namespaceInheritable: true,
    onBadValue: WARN_IGNORED,
  },
  flag('config.linkerd.io/enable-external-profiles', 'Lets the proxy use ServiceProfiles for destinations outside the cluster.', '2.3.0', true, IGNORED),
  {
    key: 'config.linkerd.io/proxy-require-identity-inbound-ports',
    description: 'Inbound ports that accept only meshed (mTLS) connections.',
    valueType: 'portList',
    format: 'comma-separated ports or ranges (a-b)',
    portList: PORT_RANGES,
    example: '8443',
    since: '2.8.0',
    namespaceInheritable: true,
    caveat: 'The policy controller ignores the whole list if any entry is not a number or a range.',
    onBadValue: 'The policy controller ignores the whole list.',
  },
  flag('config.linkerd.io/proxy-metrics-hostname-labels', 'Adds the hostname of outbound requests to the proxy metrics labels.', '2.18 (edge-25.3.4)', true, IGNORED),
  duration('config.linkerd.io/proxy-outbound-connect-timeout', 'How long the proxy waits to connect to a destination before failing.', '2s', '1000ms', '2.9.0'),
  duration('config.linkerd.io/proxy-inbound-connect-timeout', 'How long the proxy waits to connect to the local application before failing.', '500ms', '100ms', '2.9.0'),
  duration(
    'config.linkerd.io/proxy-outbound-discovery-cache-unused-timeout',
    'How long an unused outbound service discovery result stays cached (truncated to whole seconds).',
    '10s',
    '5s',
    '2.14.0',
  ),
  duration('config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout', 'How long an unused inbound policy discovery result stays cached.', '120s', '90s', '2.14.0'),
  flag('config.linkerd.io/proxy-disable-outbound-protocol-detect-timeout', 'When protocol detection times out on outbound connections, fails the connection instead of treating it as opaque TCP.', '2.15 (edge-23.11.1)'),
  flag('config.linkerd.io/proxy-disable-inbound-protocol-detect-timeout', 'When protocol detection times out on inbound connections, fails the connection instead of treating it as opaque TCP.', '2.15 (edge-23.11.1)'),
  {
    key: 'config.linkerd.io/proxy-await',
    description: 'Holds the application containers until the proxy is ready, so they never start without networking.',
    valueType: 'enum',
    format: 'enabled or disabled',
    values: ENABLED_DISABLED('Application containers wait for the proxy.', 'Application containers start at once.'),
    default: 'enabled',
    example: 'disabled',
    since: '2.11.0',
    namespaceInheritable: true,
    onBadValue: WARN_IGNORED,
  },
  {
    key: 'config.linkerd.io/default-inbound-policy',
    description: 'Who may connect to the pod on ports that no Server selects.',
    valueType: 'enum',
    format: 'all-unauthenticated, all-authenticated, cluster-unauthenticated, cluster-authenticated, deny or audit',
    values: [
      { value: 'all-unauthenticated', description: 'Allow every client.' },
      { value: 'all-authenticated', description: 'Allow only meshed (mTLS) clients, from anywhere.' },
      { value: 'cluster-unauthenticated', description: 'Allow clients from the cluster networks, meshed or not.' },
      { value: 'cluster-authenticated', description: 'Allow only meshed clients from the cluster networks.' },
      { value: 'deny', description: 'Refuse every connection unless a policy allows it.' },
      { value: 'audit', description: 'Allow everything but record what would have been denied (since 2.16).' },
    ],
    default: 'the cluster default (all-unauthenticated unless changed at install)',
    example: 'deny',
    since: '2.11.0 (audit: 2.16)',
    namespaceInheritable: true,
    onBadValue: 'The injector and the policy controller log it and use the cluster default.',
  },
  duration('config.linkerd.io/shutdown-grace-period', 'How long the proxy keeps serving after the pod is asked to stop.', '30s', undefined, '2.12.0'),
  {
    key: 'config.linkerd.io/close-wait-timeout',
    description: 'Sets the kernel conntrack close-wait timeout in the pod (converted to seconds).',
    valueType: 'duration',
    format: 'Go duration, such as 60s or 1h',
    default: '0 (kernel default)',
    example: '1h',
    since: '2.8.0',
    namespaceInheritable: false,
    caveat: 'It needs proxy-init to run as root (Helm proxyInit.runAsRoot=true); otherwise injection fails and the pod starts without a proxy.',
    onBadValue: WARN_IGNORED,
  },
  flag('config.linkerd.io/enable-gateway', 'Configures the proxy as a multicluster gateway. Set by the multicluster extension; not meant to be written by hand.', '2.8.0', false, IGNORED),
  {
    ...flag('config.linkerd.io/proxy-enable-native-sidecar', 'Runs the proxy as a Kubernetes native sidecar (an init container that keeps running), so it starts before and stops after the application.', '2.20 (edge-26.5.2)', true, IGNORED),
    default: 'true since 2.20, false before',
    example: 'false',
  },
  {
    ...flag('config.beta.linkerd.io/proxy-enable-native-sidecar', 'Older name of config.linkerd.io/proxy-enable-native-sidecar.', '2.19 (edge-25.10.2)', false, IGNORED),
    deprecatedBy: 'config.linkerd.io/proxy-enable-native-sidecar',
    caveat: 'When both are set, config.linkerd.io/proxy-enable-native-sidecar wins.',
  },
  {
    ...flag('config.alpha.linkerd.io/proxy-enable-native-sidecar', 'Oldest name of config.linkerd.io/proxy-enable-native-sidecar.', '2.15 (edge-23.11.4)', true, IGNORED),
    deprecatedBy: 'config.linkerd.io/proxy-enable-native-sidecar',
    caveat: 'When several are set, the config.linkerd.io key wins, then config.beta, then config.alpha.',
  },
  {
    key: 'config.alpha.linkerd.io/proxy-wait-before-exit-seconds',
    description: 'How many seconds the proxy waits before exiting when the pod stops, so the application can finish its requests.',
    valueType: 'int',
    format: 'non-negative integer (seconds)',
    bounds: { min: 0 },
    default: '0',
    example: '10',
    since: '2.7.0',
    namespaceInheritable: true,
    caveat: 'Ignored when the proxy runs as a native sidecar, which is the default since 2.20.',
    onBadValue: WARN_IGNORED,
  },
  {
    key: 'config.linkerd.io/proxy-additional-env',
    description: 'Extra environment variables for the proxy container. Merged by name with the install-wide list and the namespace value; the workload value wins.',
    valueType: 'json',
    format: 'JSON array of Kubernetes EnvVar objects',
    example: '[{"name":"LINKERD2_PROXY_LOG","value":"debug"}]',
    since: '2.20 (edge-26.4.3)',
    namespaceInheritable: true,
    onBadValue: WARN_IGNORED,
  },
];

const BY_KEY = new Map(ANNOTATIONS.map((a) => [a.key, a]));

/** The catalogue entry for a key, or undefined when Linkerd does not read it. */
export function findAnnotation(key: string): AnnotationSpec | undefined {
  return BY_KEY.get(key);
}

/** The annotation-key prefixes whose keys belong to Linkerd's proxy configuration. */
export const LINKERD_KEY_PREFIXES = ['linkerd.io/', 'config.linkerd.io/', 'config.alpha.linkerd.io/', 'config.beta.linkerd.io/'] as const;

/** True for keys in Linkerd's namespaces, known or not (an unknown one is likely a typo). */
export function isLinkerdKey(key: string): boolean {
  return LINKERD_KEY_PREFIXES.some((p) => key.startsWith(p));
}

/** True when Linkerd reads the annotation on that kind of host. */
export function appliesTo(spec: AnnotationSpec, host: AnnotationHost): boolean {
  if (host === 'pod') return true;
  if (host === 'namespace') return spec.namespaceInheritable;
  return spec.readOnServices === true;
}

/** The documented value entry for a value of an annotation, if it has one. */
export function findValue(spec: AnnotationSpec, value: string): AnnotationValue | undefined {
  return spec.values?.find((v) => v.value === value);
}

const TRUTHY = /^(?:true|yes|y|on|1|enable)$/i;
const FALSY = /^(?:false|no|n|off|0|disable)$/i;

/**
 * The accepted value a mistyped one most likely meant: the same word in another case, or, for annotations
 * switched with enabled/disabled, the boolean spelling of it. Undefined when there is no clear intent.
 */
export function suggestValue(spec: AnnotationSpec, written: string): string | undefined {
  const values = (spec.values ?? []).map((v) => v.value);
  const trimmed = written.trim();
  const sameWord = values.find((v) => v.toLowerCase() === trimmed.toLowerCase());
  if (sameWord) return sameWord;
  if (values.includes('enabled') && values.includes('disabled')) {
    if (TRUTHY.test(trimmed)) return 'enabled';
    if (FALSY.test(trimmed)) return 'disabled';
  }
  return undefined;
}
