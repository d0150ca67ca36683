// The operator's RBAC is generated from constructs/operator/permissions.ts and the engines; every kind it reads or
// writes must be covered, or the e2e tests (which run it under that RBAC) would be the first to find out.
import { clusterPermissions, NAMESPACE_PERMISSIONS, Permission } from '../../../constructs/operator/permissions';
import { builtinEngines } from '../../../constructs/runtimes/builtin-engines';
import { EngineRegistry } from '../../../constructs/runtimes/engine-registry';
import { rcloneEngine } from '../../../examples/runtime-author/rclone-engine';
import { fluidKindsFor } from '../../../operator/cluster-cache';
import { ResourceCatalog } from '../../../operator/kube/resources';
import { CHILD_KINDS } from '../../../operator/reconcilers/child-kinds';

function grants(permissions: readonly Permission[]) {
  return (group: string, resource: string, verb: string): boolean =>
    [...permissions, ...NAMESPACE_PERMISSIONS].some((p) => p.apiGroup === group && p.resources.includes(resource) && p.verbs.includes(verb));
}

describe.each([
  ['the built-in engines', builtinEngines()],
  ['an engine written outside the repository', new EngineRegistry([rcloneEngine])],
])('operator RBAC with %s', (_what, registry) => {
  const granted = grants(clusterPermissions(registry));
  const catalog = new ResourceCatalog(registry.definitions());
  const watched = [...fluidKindsFor(registry), ...CHILD_KINDS, 'Pod', 'Node', 'Secret'];

  it.each(watched)('can list and watch %s', (kind) => {
    const r = catalog.of(kind);
    expect(granted(r.group, r.plural, 'list') && granted(r.group, r.plural, 'watch')).toBe(true);
  });

  // Roles are rendered by one engine (JuiceFS) and granted with it; see the last test.
  it.each(CHILD_KINDS.filter((k) => k !== 'Role' && k !== 'RoleBinding'))('can create, apply and delete %s', (kind) => {
    const r = catalog.of(kind);
    for (const verb of ['create', 'patch', 'delete']) expect(granted(r.group, r.plural, verb)).toBe(true);
  });

  it('can write status of every runtime and Dataset, patch nodes, record Events and hold its Lease', () => {
    for (const kind of ['Dataset', ...registry.kinds()]) expect(granted('data.fluid.io', `${catalog.of(kind).plural}/status`, 'patch')).toBe(true);
    expect(granted('', 'nodes', 'patch')).toBe(true);
    expect(granted('events.k8s.io', 'events', 'create')).toBe(true);
    expect(granted('coordination.k8s.io', 'leases', 'update')).toBe(true);
  });

  it('never writes Secrets', () => {
    for (const verb of ['create', 'update', 'patch', 'delete']) expect(granted('', 'secrets', verb)).toBe(false);
  });

  it('documents why it needs each permission', () => {
    for (const p of [...clusterPermissions(registry), ...NAMESPACE_PERMISSIONS]) expect(p.why.length).toBeGreaterThan(10);
  });
});

test('an engine\'s own permissions are granted only when it is registered', () => {
  const withJuiceFS = grants(clusterPermissions(builtinEngines()));
  const withoutJuiceFS = grants(clusterPermissions(new EngineRegistry([rcloneEngine])));
  expect(withJuiceFS('rbac.authorization.k8s.io', 'roles', 'create')).toBe(true);
  expect(withoutJuiceFS('rbac.authorization.k8s.io', 'roles', 'create')).toBe(false);
  expect(withoutJuiceFS('data.fluid.io', 'rcloneruntimes', 'watch')).toBe(true);
  expect(withoutJuiceFS('data.fluid.io', 'alluxioruntimes', 'watch')).toBe(false);
});
