// One API permission and why it is needed: the unit of the operator's RBAC, which engines add to for objects only
// they render.

export interface Permission {
  readonly apiGroup: string;
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** Why the operator needs it. */
  readonly why: string;
}

export const READ = ['get', 'list', 'watch'] as const;
// Server-side apply of an object that does not exist yet is a create, so applying needs both verbs.
export const OWN = [...READ, 'create', 'patch', 'delete'] as const;

export function rulesOf(permissions: readonly Permission[]): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
  return permissions.map((p) => ({ apiGroups: [p.apiGroup], resources: [...p.resources], verbs: [...p.verbs] }));
}
