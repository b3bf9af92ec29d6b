/** Command ids of the control-plane features. */
export const CONTROL_PLANE_COMMANDS = {
  checkPre: 'meshaware.linkerd.checkPre',
  check: 'meshaware.linkerd.check',
  install: 'meshaware.linkerd.install',
  upgrade: 'meshaware.linkerd.upgrade',
  rotateIssuer: 'meshaware.linkerd.rotateIssuer',
  uninstall: 'meshaware.linkerd.uninstall',
  exportTrustAnchor: 'meshaware.linkerd.exportTrustAnchor',
  importTrustAnchor: 'meshaware.linkerd.importTrustAnchor',
  /** Does what a check's hint says (restart the workloads, upgrade…); the Linkerd Health view's action rows. */
  runCheckFix: 'meshaware.linkerd.runCheckFix',
} as const;

export const CHECK_VIEW = 'meshaware.health';
