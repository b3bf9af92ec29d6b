import * as vscode from 'vscode';
import type { PanelSettings } from '../../shared/trafficProtocol';
import { isSourceSetting, type SourceSetting } from '../../core/traffic/sources';

export const SECTION = 'meshaware.traffic';

/** The panel's settings, clamped to what makes sense (a 0 s interval would hammer the API server). */
export function readSettings(): PanelSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const failBelow = clamp(c.get<number>('failBelow', 0.95), 0, 1);
  return {
    intervalSeconds: clamp(c.get<number>('refreshSeconds', 5), 2, 600),
    failBelow,
    warnBelow: Math.max(failBelow, clamp(c.get<number>('warnBelow', 0.99), 0, 1)),
  };
}

function clamp(v: number, min: number, max: number): number {
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : min;
}

/** Which source the panel reads: `auto` picks viz's Prometheus when it is installed, else the proxies. */
export function readSourceSetting(): SourceSetting {
  const v = vscode.workspace.getConfiguration(SECTION).get<string>('source', 'auto');
  return isSourceSetting(v) ? v : 'auto';
}

/** A Prometheus to query directly instead of linkerd-viz's through the API server; empty means not set. */
export function readPrometheusUrl(): string | undefined {
  const v = vscode.workspace.getConfiguration(SECTION).get<string>('prometheusUrl', '').trim();
  return v === '' ? undefined : v;
}
