/** Command ids of the cluster features, shared by registrations, lenses and the status bar. */
export const COMMANDS = {
  selectContext: 'meshaware.cluster.selectContext',
  refresh: 'meshaware.cluster.refresh',
  applyDocument: 'meshaware.cluster.applyDocument',
  applyFile: 'meshaware.cluster.applyFile',
  restartWorkload: 'meshaware.cluster.restartWorkload',
} as const;
