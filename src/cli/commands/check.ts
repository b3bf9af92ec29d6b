import { BUNDLED } from '../../core/controlplane/catalog';
import { formatReport, runChecks } from '../../core/lifecycle/checks';
import { controlPlaneCategories } from '../../core/lifecycle/controlPlaneChecks';
import { preInstallCategories } from '../../core/lifecycle/preChecks';
import { CLUSTER_USAGE, openCluster, parseClusterCommand } from '../cluster';
import { UsageError, type CliCommand } from '../usage';
import { writeText } from '../terminal';

const USAGE = `Usage: meshaware check [--pre] [-o table|json] [cluster options]

Checks the cluster like 'linkerd check': with --pre, whether Linkerd can be installed; otherwise whether the
installed control plane, its certificates and the data plane are healthy. Exit code 1 when a check fails.

  --pre           pre-installation checks
  -o, --output    table (default) or json (linkerd check's JSON shape)

${CLUSTER_USAGE}`;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check the cluster before installing Linkerd, or the installed control plane',
  usage: USAGE,
  async run(args) {
    const p = parseClusterCommand(args, USAGE, { pre: 'boolean', output: 'string' }, { '-o': 'output' });
    if (!p) return 0;
    const { flags } = p;
    const output = flags.get('output') ?? 'table';
    if (output !== 'table' && output !== 'json') throw new UsageError(`--output must be table or json, not '${String(output)}'`);
    const { client } = await openCluster(flags);
    const categories = flags.has('pre') ? preInstallCategories(BUNDLED) : controlPlaneCategories(BUNDLED);
    const report = await runChecks(categories, { client, call: {}, facts: new Map() });
    if (output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else writeText(process.stdout, formatReport(report));
    return report.success ? 0 : 1;
  },
};
