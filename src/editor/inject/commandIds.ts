/** Command ids of "Add to mesh", shared by the registrations and the code lenses. */
export const INJECT_COMMANDS = {
  add: 'meshaware.addToMesh',
  remove: 'meshaware.removeFromMesh',
  addAll: 'meshaware.addAllToMesh',
  removeAll: 'meshaware.removeAllFromMesh',
  /** Internal: carries out one InjectionAction on one object; the lenses' Opt out, Enable, Fix and Move. */
  apply: 'meshaware.inject.apply',
} as const;
