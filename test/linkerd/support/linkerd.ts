import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHARTS, linkerdRenderBinary } from './reference';

/** Linkerd's own logic, run by test/linkerd-render (Helm's engine on Linkerd's charts, sigs.k8s.io/yaml). */

let scratch: string | undefined;
let counter = 0;

/** Writes data to a scratch file (JSON is YAML, so values objects go in as they are). */
function file(data: unknown, extension = 'json'): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'meshaware-linkerd-'));
  const path = join(scratch, `${counter++}.${extension}`);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

function run(args: string[], input?: string): unknown {
  try {
    return JSON.parse(execFileSync(linkerdRenderBinary(), args, { input, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] }).toString('utf8'));
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(stderr || String(e), { cause: e });
  }
}

export interface RenderedObject {
  readonly template: string;
  readonly object: Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string } };
}

/**
 * Renders one of Linkerd's charts as `linkerd install` does: `defaults` are the chart's values (the chart's
 * own values.yaml when absent), `values` are coalesced over them.
 */
export function renderChart(chart: string, options: { namespace?: string; defaults?: readonly (string | object)[]; values?: readonly object[] } = {}): RenderedObject[] {
  const args = ['chart', '--chart', join(CHARTS!, chart), '--namespace', options.namespace ?? 'linkerd'];
  for (const d of options.defaults ?? []) args.push('--defaults', typeof d === 'string' ? file(d, 'yaml') : file(d));
  for (const v of options.values ?? []) args.push('--values', file(v));
  return run(args) as RenderedObject[];
}

/** The documents of a YAML stream as kubectl and Linkerd's Go components read them (YAML 1.1). */
export function decodeYaml(text: string): unknown[] {
  return run(['decode'], text) as unknown[];
}

export interface PatchRequest {
  readonly values: string;
  readonly trustAnchorsPEM: string;
  readonly linkerdNamespace: string;
  readonly version: string;
  readonly pod: object;
  readonly namespaceAnnotations: Record<string, string>;
  readonly owner?: { kind: string; name: string };
}

export interface PatchResult {
  readonly injected: boolean;
  readonly reasons?: string[];
  readonly patch?: { op: string; path: string; value: unknown }[];
}

/** The proxy injector's JSON patch for one pod, rendered from Linkerd's patch chart and partials. */
export function renderInjectorPatch(request: PatchRequest): PatchResult {
  return run(['patch', '--charts', CHARTS!], JSON.stringify(request)) as PatchResult;
}
