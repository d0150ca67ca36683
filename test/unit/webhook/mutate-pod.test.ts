// The handler's choice of plugin list, the profile's layout, and the patch that turns the sent pod into the mutated one.
import { applyJsonPatch, jsonPatch } from '../../../webhook/json-patch';
import { mutatePod } from '../../../webhook/mutate-pod';
import { DEFAULT_PROFILE, parsePluginProfile } from '../../../webhook/plugins-profile';
import { appPod, use } from './fixtures';

describe('mutatePod', () => {
  it('runs the serverful list for a pod with Datasets, in the profile\'s order', () => {
    const m = mutatePod(appPod(), [use()], DEFAULT_PROFILE);
    expect(m.kind === 'mutated' && m.plugins).toEqual(['FilePrefetcher', 'RequireNodeWithFuse', 'NodeAffinityWithCache', 'MountPropagationInjector', 'DatasetUsageInjector']);
  });

  it('runs PreferNodesWithoutCache for a serverful pod without Datasets', () => {
    const m = mutatePod(appPod(), [], DEFAULT_PROFILE);
    expect(m.kind === 'mutated' && m.plugins).toEqual(['PreferNodesWithoutCache']);
  });

  it('skips pods that ask for nothing, turned injection off, or are done', () => {
    expect(mutatePod(appPod({ labels: {} }), [use()], DEFAULT_PROFILE).kind).toBe('skipped');
    expect(mutatePod(appPod({ labels: { 'fuse.serverful.fluid.io/inject': 'true', 'fluid.io/enable-injection': 'false' } }), [use()], DEFAULT_PROFILE).kind).toBe('skipped');
    expect(mutatePod(appPod({ labels: { 'serverless.fluid.io/inject': 'true', 'done.sidecar.fluid.io/inject': 'true' } }), [use()], DEFAULT_PROFILE).kind).toBe('skipped');
  });

  it('denies with the plugin\'s message when a plugin refuses', () => {
    const m = mutatePod(appPod({ labels: { 'serverless.fluid.io/inject': 'true' } }), [use()], DEFAULT_PROFILE);
    expect(m).toEqual({ kind: 'denied', message: expect.stringMatching(/^FuseSidecar: pod app: spec\.volumes: the PVC demo/) });
  });

  it('returns a patch that turns the sent pod into the mutated one', () => {
    const pod = appPod({ annotations: { 'a/b~c': 'x' } });
    const m = mutatePod(pod, [use()], DEFAULT_PROFILE);
    if (m.kind !== 'mutated') throw new Error(m.kind);
    expect(m.patch.length).toBeGreaterThan(0);
    expect(applyJsonPatch(pod, m.patch)).toEqual(m.pod);
  });
});

describe('jsonPatch', () => {
  it('adds, removes and replaces with escaped pointers', () => {
    const before = { a: 1, 'x/y': { '~': 1 }, gone: true, list: [1, 2] };
    const after = { a: 2, 'x/y': { '~': 2 }, list: [1, 2, 3], added: { b: 1 } };
    const ops = jsonPatch(before, after);
    expect(ops).toEqual([
      { op: 'remove', path: '/gone' },
      { op: 'replace', path: '/a', value: 2 },
      { op: 'replace', path: '/x~1y/~0', value: 2 },
      { op: 'replace', path: '/list', value: [1, 2, 3] },
      { op: 'add', path: '/added', value: { b: 1 } },
    ]);
    expect(applyJsonPatch(before, ops)).toEqual(after);
  });
});

describe('plugins profile', () => {
  it('reads Fluid\'s layout and plugin args', () => {
    const profile = parsePluginProfile(`plugins:
  serverful:
    withDataset: [NodeAffinityWithCache]
    withoutDataset: []
  serverless:
    withDataset: [FuseSidecar]
pluginConfig:
  - name: NodeAffinityWithCache
    args: |
      preferred:
        - name: fluid.io/fuse
          weight: 30
`);
    expect(profile.serverful.withDataset.map((p) => p.name)).toEqual(['NodeAffinityWithCache']);
    expect(profile.serverless.withoutDataset).toEqual([]);
    const m = mutatePod(appPod(), [use()], profile);
    expect(m.kind === 'mutated' && m.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0].weight).toBe(30);
  });

  it('names an unknown plugin and where it is listed', () => {
    expect(() => parsePluginProfile('plugins:\n  serverful:\n    withDataset: [NodeAfinityWithCache]\n')).toThrow(/plugins\.serverful\.withDataset\[0\]: unknown plugin "NodeAfinityWithCache"/);
  });
});
