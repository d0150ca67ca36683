// The pure parts of the real-node harness: addresses, the configs it writes, and what it reads from /proc.
import { clusterAddressing, MAX_REAL_NODES, MAX_SLOTS, nodeAddressing } from '../../../cluster/real-node/addressing';
import { cgroupHierarchies } from '../../../cluster/real-node/cgroups';
import { cniConfig } from '../../../cluster/real-node/cni-config';
import { containerdConfig } from '../../../cluster/real-node/containerd-config';
import { kubeletArgs, kubeletConfiguration, KubeletProps } from '../../../cluster/real-node/kubelet-config';
import { mountsUnder, unescapeMountPath } from '../../../cluster/real-node/mounts';
import { nodePaths } from '../../../cluster/real-node/node-paths';

test('no two slots or nodes share an address, a subnet or a link name, and names fit the kernel\'s 15 bytes', () => {
  const seen = new Set<string>();
  const add = (what: string): void => {
    expect(seen.has(what)).toBe(false);
    seen.add(what);
  };
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const c = clusterAddressing(slot);
    add(c.apiServerIp);
    add(c.serviceCidr);
    add(c.link);
    expect(c.link.length).toBeLessThanOrEqual(15);
    // The apiserver's address is the first of the Service range: the `kubernetes` Service's ClusterIP.
    expect(c.apiServerIp).toBe(c.serviceCidr.replace(/0\/20$/, '1'));
    for (let i = 0; i < MAX_REAL_NODES; i++) {
      const n = nodeAddressing(slot, i);
      add(n.nodeIp);
      add(n.podCidr);
      add(n.bridge);
      expect(n.bridge.length).toBeLessThanOrEqual(15);
    }
  }
  expect(() => clusterAddressing(MAX_SLOTS)).toThrow(/slot must be/);
  expect(() => nodeAddressing(0, MAX_REAL_NODES)).toThrow(/at most 16 real nodes/);
});

const paths = nodePaths('/tmp/fluid-cdk8s-cluster-abc', 'real-node-0');
const props: KubeletProps = {
  node: nodeAddressing(2, 0), paths, cgroupRoot: '/fluid-cdk8s-s2-real-node-0', cgroupVersion: 1, clientCaFile: '/pki/ca.crt',
};

test('containerd keeps all its state in the node\'s folder and has the fixes of real-node.md', () => {
  const toml = containerdConfig({ paths, sandboxImage: 'fluid-cdk8s.local/pause:abc' });
  expect(toml).toContain('root = "/tmp/fluid-cdk8s-cluster-abc/nodes/real-node-0/containerd/root"');
  expect(toml).toContain('address = "/tmp/fluid-cdk8s-cluster-abc/nodes/real-node-0/containerd.sock"');
  expect(toml).toContain('restrict_oom_score_adj = true');
  expect(toml).toContain('sandbox_image = "fluid-cdk8s.local/pause:abc"');
  expect(toml).toContain('SystemdCgroup = false');
  expect(toml).toContain('conf_dir = "/tmp/fluid-cdk8s-cluster-abc/nodes/real-node-0/cni/net.d"');
  // Unix sockets are limited to 108 bytes.
  expect(paths.containerdSocket.length).toBeLessThan(108);
});

test('the kubelet listens only on its node address, is tainted and labelled, and tolerates cgroup v1 only there', () => {
  const config = kubeletConfiguration(props) as Record<string, any>;
  expect(config).toMatchObject({
    address: '10.230.2.1', healthzBindAddress: '10.230.2.1', readOnlyPort: 0, cgroupDriver: 'cgroupfs',
    cgroupRoot: '/fluid-cdk8s-s2-real-node-0', failCgroupV1: false, staticPodPath: '',
    authentication: { anonymous: { enabled: false }, x509: { clientCAFile: '/pki/ca.crt' } },
    registerWithTaints: [{ key: 'node.fluid-cdk8s.io/real', value: 'true', effect: 'NoSchedule' }],
    containerRuntimeEndpoint: `unix://${paths.containerdSocket}`,
  });
  expect((kubeletConfiguration({ ...props, cgroupVersion: 2 }) as Record<string, unknown>).failCgroupV1).toBeUndefined();
  expect(kubeletArgs(props)).toEqual(expect.arrayContaining([
    '--node-ip=10.230.2.1', '--hostname-override=real-node-0', '--node-labels=node.fluid-cdk8s.io/real=true',
    `--root-dir=${paths.kubeletRoot}`,
  ]));
});

test('pods get the node\'s subnet and the bridge as their default route', () => {
  const plugin = (cniConfig(props.node, '/ipam') as { plugins: Record<string, any>[] }).plugins[0];
  expect(plugin).toMatchObject({
    type: 'bridge', bridge: 'fcdk-s2n0', isGateway: true, isDefaultGateway: true, ipMasq: false,
    ipam: { type: 'host-local', ranges: [[{ subnet: '10.232.32.0/24' }]], dataDir: '/ipam' },
  });
});

const MOUNTINFO = [
  '22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw',
  '30 22 0:26 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755',
  '31 30 0:27 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu',
  '32 30 0:28 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset,clone_children',
  '33 30 0:29 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd',
  '34 30 0:30 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw',
  '40 22 0:40 / /tmp/c/runtime-mnt rw shared:5 - ext4 /dev/vda rw',
  '41 40 0:41 / /tmp/c/runtime-mnt/ds/with\\040space rw - fuse.weed weed rw',
  '42 22 0:42 / /tmp/c/nodes/real-node-0/kubelet rw shared:6 - ext4 /dev/vda rw',
  '43 22 0:43 / /tmp/cc rw - tmpfs tmpfs rw',
].join('\n');

test('mounts below a folder come deepest first, with mountinfo\'s escapes decoded, and never a sibling with the same prefix', () => {
  expect(mountsUnder('/tmp/c', MOUNTINFO)).toEqual([
    '/tmp/c/nodes/real-node-0/kubelet', '/tmp/c/runtime-mnt/ds/with space', '/tmp/c/runtime-mnt',
  ]);
  expect(unescapeMountPath('a\\011b\\134c')).toBe('a\tb\\c');
});

test('a hybrid cgroup layout is read as cgroup v1, with each hierarchy\'s controllers', () => {
  expect(cgroupHierarchies(MOUNTINFO)).toEqual([
    { mountPoint: '/sys/fs/cgroup/cpu', version: 1, controllers: ['cpu'] },
    { mountPoint: '/sys/fs/cgroup/cpuset', version: 1, controllers: ['cpuset'] },
    { mountPoint: '/sys/fs/cgroup/systemd', version: 1, controllers: ['name=systemd'] },
  ]);
  expect(cgroupHierarchies('34 30 0:30 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw')).toEqual([{ mountPoint: '/sys/fs/cgroup', version: 2, controllers: [] }]);
});
