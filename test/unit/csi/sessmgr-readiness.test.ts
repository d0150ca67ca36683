// NodeStageVolume's EFC step (Fluid's prepareSessMgr): which volumes need the node's session manager, where its
// socket is, when it counts as serving, and what a stage that ran out of time tells the user. Then the step itself
// over a real folder, with the node label recorded by a stand-in for the API client.
import { status } from '@grpc/grpc-js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { CsiError } from '../../../csi/csi-error';
import type { NodeContext } from '../../../csi/node-context';
import { PathProber } from '../../../csi/path-probe';
import { SESSMGR_TIMEOUT_MS, sessMgrNeed, sessMgrTimeoutMessage, socketState } from '../../../csi/sessmgr-readiness';
import { prepareSessMgr } from '../../../csi/sessmgr-wait';
import { parseVolumeAttributes } from '../../../csi/volume-attributes';

// What our operator puts on an EFCRuntime's PV (constructs/runtimes/efc/engine.ts), as Fluid's create_volume.go does.
const EFC_PV = {
  fluid_path: '/runtime-mnt/efc/team-a/data/efc-fuse',
  mount_type: 'alifuse.aliyun-alinas-efc',
  runtime_namespace: 'team-a',
  runtime_name: 'data',
  efc_sessmgr_workdir: '/runtime-mnt/efc-sock',
};

function refusal(f: () => unknown): CsiError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(CsiError);
    return err as CsiError;
  }
  throw new Error('accepted');
}

describe('the decision', () => {
  test("an EFC PV needs the session manager: its socket in the work dir, and the node label Fluid's DaemonSet selects", () => {
    expect(sessMgrNeed('/runtime-mnt', 'team-a-data', parseVolumeAttributes('team-a-data', EFC_PV))).toEqual({
      workDir: '/runtime-mnt/efc-sock', socket: '/runtime-mnt/efc-sock/sessmgrd.sock', nodeLabel: { key: 'fluid.io/efc-sessmgr', value: 'true' },
    });
  });

  test('a PV without efc_sessmgr_workdir (every other engine) needs nothing', () => {
    const { efc_sessmgr_workdir: _, ...thin } = EFC_PV;
    expect(parseVolumeAttributes('v', thin).sessMgrWorkDir).toBeUndefined();
    expect(sessMgrNeed('/runtime-mnt', 'v', parseVolumeAttributes('v', thin))).toBeUndefined();
  });

  test('a work dir outside the mount root is refused, naming the volume, the attribute and both folders', () => {
    const err = refusal(() => sessMgrNeed('/mnt/fluid', 'team-a-data', parseVolumeAttributes('team-a-data', { ...EFC_PV, fluid_path: '/mnt/fluid/efc/team-a/data/efc-fuse' })));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.message).toMatch(/^volume team-a-data: attribute efc_sessmgr_workdir \/runtime-mnt\/efc-sock is not under the plugin's mount root \/mnt\/fluid/);
  });

  test('a work dir that is not an absolute, normalized folder is refused when the attributes are parsed', () => {
    for (const bad of ['efc-sock', '/runtime-mnt/../efc-sock', '/']) {
      const err = refusal(() => parseVolumeAttributes('v', { ...EFC_PV, efc_sessmgr_workdir: bad }));
      expect(err.message).toBe(`volume v: attribute efc_sessmgr_workdir: expected an absolute, normalized path such as /runtime-mnt/efc-sock, got "${bad}"`);
    }
    expect(parseVolumeAttributes('v', { ...EFC_PV, efc_sessmgr_workdir: '/runtime-mnt/efc-sock/' }).sessMgrWorkDir).toBe('/runtime-mnt/efc-sock');
  });

  test('the socket serves once a stat finds it; otherwise the reason is kept for the timeout message', () => {
    const socket = '/runtime-mnt/efc-sock/sessmgrd.sock';
    expect(socketState(socket, { kind: 'ok', isDirectory: false })).toEqual({ done: true, value: true });
    expect(socketState(socket, { kind: 'missing' })).toEqual({ done: false, observed: `${socket} does not exist` });
    expect(socketState(socket, { kind: 'error', code: 'EACCES' })).toEqual({ done: false, observed: `stat ${socket} failed with EACCES` });
  });

  test("the timeout message names the node, the work dir, the DaemonSet and its label; Fluid's 30 s", () => {
    expect(SESSMGR_TIMEOUT_MS).toBe(30_000);
    const need = sessMgrNeed('/runtime-mnt', 'v', parseVolumeAttributes('v', EFC_PV))!;
    expect(sessMgrTimeoutMessage('NodeStageVolume v', 'node-1', need, 30_000, '/runtime-mnt/efc-sock/sessmgrd.sock does not exist')).toBe(
      "NodeStageVolume v: waited 30 s for EFC's session manager on node node-1 to serve sessmgrd.sock in /runtime-mnt/efc-sock; " +
      'last seen: /runtime-mnt/efc-sock/sessmgrd.sock does not exist. Check DaemonSet efc-system/efc-sessmgr (printed by `fluid-cdk8s install`, ' +
      'installed with the same --mount-root): its pod on node-1, which the label fluid.io/efc-sessmgr=true schedules there.');
  });
});

describe('the step, over a real folder', () => {
  let root: string;
  let workDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sessmgr-'));
    workDir = join(root, 'efc-sock');
    mkdirSync(workDir);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function context(onLabel: () => void): { ctx: NodeContext; labels: [string, string, string | null][] } {
    const labels: [string, string, string | null][] = [];
    const kube = { setNodeLabel: async (node: string, key: string, value: string | null) => { labels.push([node, key, value]); onLabel(); } };
    const ctx = { nodeId: 'node-1', mountRoot: root, kube, prober: new PathProber(), pollMs: 20, logger: pino({ enabled: false }) } as unknown as NodeContext;
    return { ctx, labels };
  }
  const call = (deadline: number) => ({ deadline, signal: new AbortController().signal });

  test('labels the node, then returns once the session manager (here: the label callback) made the socket', async () => {
    const need = sessMgrNeed(root, 'v', { sessMgrWorkDir: workDir })!;
    const { ctx, labels } = context(() => setImmediate(() => writeFileSync(need.socket, '')));
    await prepareSessMgr(ctx, 'NodeStageVolume v', need, call(Infinity));
    expect(labels).toEqual([['node-1', 'fluid.io/efc-sessmgr', 'true']]);
  });

  test("without a socket, it answers DEADLINE_EXCEEDED before the caller's deadline, with the message above", async () => {
    const need = sessMgrNeed(root, 'v', { sessMgrWorkDir: workDir })!;
    const { ctx } = context(() => undefined);
    const err = await prepareSessMgr(ctx, 'NodeStageVolume v', need, call(Date.now() + 1300)).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CsiError);
    expect((err as CsiError).code).toBe(status.DEADLINE_EXCEEDED);
    expect((err as CsiError).message).toContain(`last seen: ${need.socket} does not exist. Check DaemonSet efc-system/efc-sessmgr`);
  });
});
