/** Live traffic for the panel and `meshaware edges` / `stat`: the model, its two sources, and their output. */
export { filterByNamespace, UNMESHED_CALLERS_KIND } from './model';
export type { AuthzRow, RouteRow, EdgeAuthz, LatencyQuantiles, MtlsState, PodMeta, TrafficEdge, TrafficModel, TrafficStats, WorkloadNode } from './model';
export { prometheusModel, type PrometheusModelOptions, type PrometheusQuery } from './prometheus';
export { PrometheusError } from './promResponse';
export { ProxyReader, type ProxyRead, type ProxyScraper, type ScrapeFailure, type ScrapeSink } from './proxies';
export { ADMIN_PORT } from './relabel';
export { formatAuthz, formatEdges, formatStat, type OutputFormat } from './format';
export { formatRoutes } from './formatRoutes';
export { parseExposition, type Exposition, type MetricFamily, type ParseError, type Sample } from './parser';
