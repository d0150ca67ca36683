// The operator's RBAC is generated from constructs/operator/permissions.ts; every kind it reads or writes must be
// covered, or the e2e tests (which run it under that RBAC) would be the first to find out.
import { CLUSTER_PERMISSIONS, NAMESPACE_PERMISSIONS } from '../../../constructs/operator/permissions';
import { CHILD_KINDS, fluidKindsFor } from '../../../operator/cluster-cache';
import { resourceOf } from '../../../operator/kube/resources';
import { builtinEngines } from '../../../constructs/runtimes/builtin-engines';

function granted(group: string, resource: string, verb: string): boolean {
  return [...CLUSTER_PERMISSIONS, ...NAMESPACE_PERMISSIONS].some((p) => p.apiGroup === group && p.resources.includes(resource) && p.verbs.includes(verb));
}

describe('operator RBAC', () => {
  const watched = [...fluidKindsFor(builtinEngines().kinds()), ...CHILD_KINDS, 'Pod', 'Node'];

  it.each(watched)('can list and watch %s', (kind) => {
    const r = resourceOf(kind);
    expect(granted(r.group, r.plural, 'list') && granted(r.group, r.plural, 'watch')).toBe(true);
  });

  it.each(CHILD_KINDS)('can create, apply and delete %s', (kind) => {
    const r = resourceOf(kind);
    for (const verb of ['create', 'patch', 'delete']) expect(granted(r.group, r.plural, verb)).toBe(true);
  });

  it('can write status of every runtime and Dataset, patch nodes, record Events and hold its Lease', () => {
    for (const kind of fluidKindsFor(builtinEngines().kinds()).filter((k) => k !== 'ThinRuntimeProfile' && k !== 'CacheRuntimeClass')) {
      expect(granted('data.fluid.io', `${resourceOf(kind).plural}/status`, 'patch')).toBe(true);
    }
    expect(granted('', 'nodes', 'patch')).toBe(true);
    expect(granted('events.k8s.io', 'events', 'create')).toBe(true);
    expect(granted('coordination.k8s.io', 'leases', 'update')).toBe(true);
  });

  it('reads Secrets by name only: no list or watch, so values are never cached', () => {
    expect(granted('', 'secrets', 'get')).toBe(true);
    expect(granted('', 'secrets', 'list') || granted('', 'secrets', 'watch')).toBe(false);
  });

  it('documents why it needs each permission', () => {
    for (const p of [...CLUSTER_PERMISSIONS, ...NAMESPACE_PERMISSIONS]) expect(p.why.length).toBeGreaterThan(10);
  });
});
