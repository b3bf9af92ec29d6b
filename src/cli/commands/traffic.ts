import { filterByNamespace, formatAuthz, formatEdges, formatRoutes, formatStat, type OutputFormat, type TrafficModel } from '../../core/metrics';
import type { UnreadRecord } from '../../core/metrics/format';
import { PROMETHEUS_WINDOW_SECONDS } from '../../core/metrics/prometheus';
import { PROXIES_FIRST_WINDOW_SECONDS } from '../../core/traffic/proxiesSource';
import { readerFor, type TrafficRead } from '../../core/traffic/reader';
import { isSourceSetting, SOURCE_SETTING_DESCRIPTIONS, SOURCE_SETTINGS } from '../../core/traffic/sources';
import { readTraffic } from '../../core/traffic/readTraffic';
import { isRefusal, unreadHint, unreadSummary } from '../../core/traffic/unread';
import { CLUSTER_OPTIONS, CLUSTER_USAGE, openCluster } from '../cluster';
import { defineCommand, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { writeText } from '../terminal';
import type { CliIo } from '../io';

/** One line per setting of --source, from the sources' own descriptions. */
const SOURCE_HELP = SOURCE_SETTINGS.map((s) => `                         ${s.padEnd(11)} ${SOURCE_SETTING_DESCRIPTIONS[s]}`).join('\n');

const COMMON = `  -n, --namespace NS   only traffic to or from this namespace (default: the context's namespace, else "default")
  -A, --all-namespaces every namespace
  -o, --output         table (default) or json
  --source S           where the numbers come from (default auto):
${SOURCE_HELP}
  --prometheus-url U   query this Prometheus (e.g. a port-forward) instead of linkerd-viz's through the API server
  -t, --window N       seconds to rate over: Prometheus's range (default ${PROMETHEUS_WINDOW_SECONDS}), or how long to watch the
                       proxies (default ${PROXIES_FIRST_WINDOW_SECONDS}; a longer one steadies the numbers of a few requests/s)

${CLUSTER_USAGE}`;

/** Reads the model the panel shows, for the namespace the flags select. */
async function readModel(p: ParsedArgs, io: CliIo): Promise<{ read: TrafficRead; format: OutputFormat }> {
  const format = (p.flags.get('output') ?? 'table') as string;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--output must be table or json, not '${format}'`);
  const source = p.flags.get('source') ?? 'auto';
  if (!isSourceSetting(source)) throw new UsageError(`--source must be one of ${SOURCE_SETTINGS.join(', ')}`);
  if (p.flags.has('all-namespaces') && p.flags.has('namespace')) throw new UsageError('use either --namespace or --all-namespaces');
  const { client, session, controlPlaneNs } = await openCluster(p.flags, io);
  const url = p.flags.get('prometheus-url') as string | undefined;
  if (url !== undefined && !/^https?:\/\//.test(url)) throw new UsageError('--prometheus-url must be an http(s) URL');
  const window = p.flags.has('window') ? Number(p.flags.get('window')) : undefined;
  if (window !== undefined && !(window > 0)) throw new UsageError('--window must be a positive number of seconds');
  const reader = readerFor(() => source, () => url, window);
  const read = await readTraffic(client, reader, new AbortController().signal, true, controlPlaneNs);
  if (p.flags.has('all-namespaces')) return { read, format };
  const namespace = (p.flags.get('namespace') as string | undefined) ?? (await session.currentContext())?.namespace ?? 'default';
  return { read: { ...read, model: filterByNamespace(read.model, namespace) }, format };
}

/**
 * Prints what the output is missing on stderr. A proxy the API server (or its policy) refused is configuration
 * to fix, so the command fails; a pod that did not answer is only noted, as it is retried on the next read.
 */
function reportGaps(read: TrafficRead, io: CliIo): number {
  if (read.unread.length === 0) return 0;
  writeText(io.stderr, `warning: ${unreadSummary(read.unread, read.meshedPods)} ${unreadHint(read.unread)}\n`);
  return isRefusal(read.unread) ? 1 : 0;
}

/** Tables hold names from the cluster: written as terminal-safe text; JSON escapes them itself. */
function write(io: CliIo, output: string, format: OutputFormat): void {
  if (format === 'json') io.stdout.write(output);
  else writeText(io.stdout, output);
}

const OPTIONS = {
  ...CLUSTER_OPTIONS,
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  output: { type: 'string', short: 'o' },
  source: { type: 'string' },
  'prometheus-url': { type: 'string' },
  window: { type: 'string', short: 't' },
} as const;

type View = (model: TrafficModel, format: OutputFormat, unread: readonly UnreadRecord[]) => string;

/** A command that reads the traffic model and prints one view of it; `choose` picks the view by the flags. */
function trafficCommand(name: string, summary: string, usage: string, view: View, choose: { flag: string; view: View } | undefined = undefined): CliCommand {
  return defineCommand({
    name,
    summary,
    usage,
    options: choose ? { ...OPTIONS, [choose.flag]: { type: 'boolean' } } : OPTIONS,
    async run(p, io) {
      const { read, format: output } = await readModel(p, io);
      const format = choose && p.flags.has(choose.flag) ? choose.view : view;
      write(io, format(read.model, output, read.unread), output);
      return reportGaps(read, io);
    },
  });
}

const EDGES_USAGE = `Usage: meshaware edges [-n NS | -A] [-o table|json] [--source ${SOURCE_SETTINGS.join('|')}] [--prometheus-url U] [-t SECONDS] [cluster options]

Workload-to-workload traffic as Linkerd's proxies see it: requests/s, success rate, latency percentiles,
open connections, and whether each edge is secured by mTLS (or why not), with client and server identities.

${COMMON}`;

export const edgesCommand = trafficCommand('edges', 'Show live workload-to-workload traffic with mTLS state (like linkerd viz edges)', EDGES_USAGE, formatEdges);

const STAT_USAGE = `Usage: meshaware stat [--routes] [-n NS | -A] [-o table|json] [--source ${SOURCE_SETTINGS.join('|')}] [--prometheus-url U] [-t SECONDS] [cluster options]

Traffic received by each workload: meshed/total pods, requests/s, success rate, latency percentiles.
With --routes, per route instead (like linkerd viz stat-outbound and stat-inbound): each HTTPRoute or GRPCRoute
(or the default route) a workload's proxies reported, on the caller (outbound, per Service) and on the server
(inbound, per Server, requests its policy permitted), with requests/s, success rate and latency percentiles.

  --routes             per-route rows from the proxies' route metrics
${COMMON}`;

export const statCommand = trafficCommand('stat', 'Show golden metrics per workload, or per route with --routes (like linkerd viz stat)', STAT_USAGE, formatStat, { flag: 'routes', view: formatRoutes });

const AUTHZ_USAGE = `Usage: meshaware authz [-n NS | -A] [-o table|json] [--source ${SOURCE_SETTINGS.join('|')}] [--prometheus-url U] [-t SECONDS] [cluster options]

Inbound authorization as the proxies report it (like linkerd viz authz): for each workload, requests/s allowed
and denied per Server, route, authorization and client identity. A row with authorization "-" counts denials;
"would be denied (audit)" counts requests a Server in audit mode (accessPolicy: audit, or the audit default
policy) admitted only because of it: they would be denied without audit mode. Where Linkerd authorizes
connections instead (opaque and TLS Servers, traffic that is not HTTP), rows count connections/s (conn/s, no
route; "(terminated)": closed when a policy change stopped admitting them).

${COMMON}`;

export const authzCommand = trafficCommand('authz', 'Show requests and connections allowed and denied by policy, per server, route, authorization and client', AUTHZ_USAGE, formatAuthz);
