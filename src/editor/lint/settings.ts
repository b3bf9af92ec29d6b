import * as vscode from 'vscode';
import type { LintOptions, SeverityOverride } from '../../core/lint/types';

export type LintTrigger = 'onSave' | 'onType';

export interface LintSettings {
  readonly enabled: boolean;
  readonly trigger: LintTrigger;
  readonly options: LintOptions;
}

/** The lint settings, read fresh each time (they change rarely, and reading is cheap). */
export function readLintSettings(log: vscode.LogOutputChannel): LintSettings {
  const c = vscode.workspace.getConfiguration('meshaware.lint');
  const overrides: Record<string, SeverityOverride> = {};
  for (const [code, value] of Object.entries(c.get<Record<string, string>>('severity', {}))) {
    if (value === 'error' || value === 'warning' || value === 'info' || value === 'off') overrides[code] = value;
    else log.warn(`meshaware.lint.severity: '${value}' for ${code} is not error, warning, info or off; ignored`);
  }
  return {
    enabled: c.get<boolean>('enabled', true),
    trigger: c.get<LintTrigger>('run', 'onType'),
    options: {
      severityOverrides: overrides,
      maxFileSize: c.get<number>('maxFileSize'),
      cluster: { controlPlaneNamespace: c.get<string>('controlPlaneNamespace', 'linkerd'), trustDomain: c.get<string>('trustDomain', 'cluster.local') },
      log: (m) => log.error(m),
    },
  };
}
