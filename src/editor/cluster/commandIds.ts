/** Command ids of the cluster features, shared by registrations, lenses and the status bar. */
export const COMMANDS = {
  selectContext: 'meshaware.cluster.selectContext',
  refresh: 'meshaware.cluster.refresh',
  applyDocument: 'meshaware.cluster.applyDocument',
  applyFile: 'meshaware.cluster.applyFile',
  restartWorkload: 'meshaware.cluster.restartWorkload',
  /** Restarts the workloads of a namespace whose pods predate its inject annotation. */
  restartNamespace: 'meshaware.cluster.restartNamespace',
} as const;
