// Every command id, view id and context key the extension registers or sets, in one place. package.json
// declares the same ids (test/unit/editor/commandIds.test.ts holds the two to each other).

/** The cluster features: registrations, lenses and the status bar. */
export const COMMANDS = {
  selectContext: 'meshaware.cluster.selectContext',
  refresh: 'meshaware.cluster.refresh',
  applyDocument: 'meshaware.cluster.applyDocument',
  applyFile: 'meshaware.cluster.applyFile',
  restartWorkload: 'meshaware.cluster.restartWorkload',
} as const;

/** Add to mesh: the registrations and the code lenses. */
export const INJECT_COMMANDS = {
  add: 'meshaware.addToMesh',
  remove: 'meshaware.removeFromMesh',
  addAll: 'meshaware.addAllToMesh',
  removeAll: 'meshaware.removeAllFromMesh',
  /** Internal (not in the palette): carries out one InjectionAction on one object; the lenses' Opt out, Enable, Fix and Move. */
  apply: 'meshaware.inject.apply',
} as const;

/** The control-plane features. */
export const CONTROL_PLANE_COMMANDS = {
  checkPre: 'meshaware.linkerd.checkPre',
  check: 'meshaware.linkerd.check',
  install: 'meshaware.linkerd.install',
  upgrade: 'meshaware.linkerd.upgrade',
  rotateIssuer: 'meshaware.linkerd.rotateIssuer',
  uninstall: 'meshaware.linkerd.uninstall',
  exportTrustAnchor: 'meshaware.linkerd.exportTrustAnchor',
  importTrustAnchor: 'meshaware.linkerd.importTrustAnchor',
} as const;

/** The Live Traffic view's title-bar commands. */
export const TRAFFIC_COMMANDS = {
  refresh: 'meshaware.traffic.refresh',
  pause: 'meshaware.traffic.pause',
  resume: 'meshaware.traffic.resume',
} as const;

/** Views, by the ids package.json gives them. */
export const VIEWS = {
  health: 'meshaware.health',
  traffic: 'meshaware.traffic',
} as const;

/** Context keys the `when` clauses of package.json read. */
export const CONTEXT_KEYS = {
  trafficPaused: 'meshaware.traffic.paused',
} as const;
