import { BUNDLED } from '../../core/controlplane/catalog';
import { CLI_ACTIONS, DEFAULT_CHECK_DEADLINE_MS, formatCategory, formatCheck, formatVerdict, runChecks } from '../../core/lifecycle/checks';
import { controlPlaneCategories } from '../../core/lifecycle/controlPlaneChecks';
import { preInstallCategories } from '../../core/lifecycle/preChecks';
import { CLUSTER_USAGE, openCluster, parseClusterCommand } from '../cluster';
import { UsageError, type CliCommand } from '../usage';
import { writeText } from '../terminal';

const USAGE = `Usage: meshaware check [--pre] [-o table|json] [--timeout SECONDS] [cluster options]

Checks the cluster like 'linkerd check': with --pre, whether Linkerd can be installed; otherwise whether the
installed control plane, its certificates and the data plane are healthy. Results are printed as each check
finishes; a check still running after 5 s is named on stderr. As in 'linkerd check', the checks that wait
for pods (ready, rolled out, scheduled, proxies healthy) are tried again every second while they fail, for up
to 30 s, so a check right after install or upgrade waits for the rollout. Exit code 1 when a check fails.

  --pre           pre-installation checks
  -o, --output    table (default) or json (linkerd check's JSON shape, printed at the end)
  --timeout N     give up after N seconds in all (default ${DEFAULT_CHECK_DEADLINE_MS / 1000}): the running check fails, naming itself

${CLUSTER_USAGE}`;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check the cluster before installing Linkerd, or the installed control plane',
  usage: USAGE,
  async run(args) {
    const p = parseClusterCommand(args, USAGE, { pre: 'boolean', output: 'string', timeout: 'string' }, { '-o': 'output' });
    if (!p) return 0;
    const { flags } = p;
    const output = flags.get('output') ?? 'table';
    if (output !== 'table' && output !== 'json') throw new UsageError(`--output must be table or json, not '${String(output)}'`);
    const timeout = flags.has('timeout') ? Number(flags.get('timeout')) : DEFAULT_CHECK_DEADLINE_MS / 1000;
    if (!(timeout > 0)) throw new UsageError('--timeout must be a positive number of seconds');
    const { client } = await openCluster(flags);
    const categories = flags.has('pre') ? preInstallCategories(BUNDLED) : controlPlaneCategories(BUNDLED);
    const table = output === 'table';
    let current: string | undefined;
    const report = await runChecks(
      categories,
      { client, call: {}, facts: new Map(), actions: CLI_ACTIONS },
      {
        result(category, r) {
          if (!table) return;
          if (category !== current) writeText(process.stdout, `${current === undefined ? '' : '\n'}${formatCategory(category)}`);
          current = category;
          writeText(process.stdout, formatCheck(r));
        },
        slow: (_category, description, seconds) => writeText(process.stderr, `... still waiting for "${description}" (${Math.round(seconds)} s)\n`),
      },
      { deadlineMs: timeout * 1000 },
    );
    if (table) writeText(process.stdout, `\n${formatVerdict(report)}`);
    else process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.success ? 0 : 1;
  },
};
