// The hand-written .proto text must put each field at the spec's number: a kubelet (grpc-go, generated from the
// spec's csi.proto) encodes them so. Checked on the bytes, against numbers read from the spec.
import { status } from '@grpc/grpc-js';
import { CsiError } from '../../../csi/csi-error';
import { KeyLocks } from '../../../csi/key-locks';
import { CSI_V1_PROTO, WRAPPERS_PROTO } from '../../../csi/proto/csi-v1-proto';
import { PLUGIN_REGISTRATION_PROTO } from '../../../csi/proto/plugin-registration-proto';
import { protoRoot, unaryService } from '../../../csi/proto/unary-service';

const root = protoRoot(WRAPPERS_PROTO, CSI_V1_PROTO, PLUGIN_REGISTRATION_PROTO);

/** Field number -> wire type of each top-level field in an encoded message. */
function fieldsOf(bytes: Uint8Array): Map<number, number> {
  const fields = new Map<number, number>();
  let i = 0;
  const varint = () => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
  };
  while (i < bytes.length) {
    const key = varint();
    fields.set(Math.floor(key / 8), key & 7);
    if ((key & 7) === 0) varint();
    else if ((key & 7) === 2) {
      const length = varint();
      i += length;
    }
    else throw new Error(`unexpected wire type ${key & 7}`);
  }
  return fields;
}

function encode(type: string, value: object): Uint8Array {
  const t = root.lookupType(type);
  return t.encode(t.fromObject(value)).finish();
}

test('NodePublishVolumeRequest fields at csi.proto\'s numbers', () => {
  const bytes = encode('csi.v1.NodePublishVolumeRequest', {
    volume_id: 'v', publish_context: { a: 'b' }, staging_target_path: '/s', target_path: '/t',
    volume_capability: { mount: { fs_type: 'x' }, access_mode: { mode: 'MULTI_NODE_READER_ONLY' } }, readonly: true, secrets: { s: 't' }, volume_context: { fluid_path: '/f' },
  });
  expect([...fieldsOf(bytes).keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  const capability = encode('csi.v1.VolumeCapability', { mount: {}, access_mode: { mode: 'MULTI_NODE_READER_ONLY' } });
  expect([...fieldsOf(capability).keys()]).toEqual([2, 3]);
  // AccessMode.mode = MULTI_NODE_READER_ONLY is 3 in the spec.
  expect([...encode('csi.v1.VolumeCapability.AccessMode', { mode: 'MULTI_NODE_READER_ONLY' })]).toEqual([0x08, 3]);
});

test('the other requests and answers the kubelet exchanges', () => {
  expect([...fieldsOf(encode('csi.v1.NodeStageVolumeRequest', { volume_id: 'v', publish_context: { a: 'b' }, staging_target_path: '/s', volume_capability: { mount: {} }, secrets: { a: 'b' }, volume_context: { a: 'b' } })).keys()]).toEqual([1, 2, 3, 4, 5, 6]);
  expect([...fieldsOf(encode('csi.v1.NodeUnstageVolumeRequest', { volume_id: 'v', staging_target_path: '/s' })).keys()]).toEqual([1, 2]);
  expect([...fieldsOf(encode('csi.v1.NodeUnpublishVolumeRequest', { volume_id: 'v', target_path: '/t' })).keys()]).toEqual([1, 2]);
  expect([...fieldsOf(encode('csi.v1.NodeGetInfoResponse', { node_id: 'n', max_volumes_per_node: 3, accessible_topology: { segments: { a: 'b' } } })).keys()]).toEqual([1, 2, 3]);
  // capabilities[0].rpc.type = STAGE_UNSTAGE_VOLUME (1): 0a 04 0a 02 08 01
  expect([...encode('csi.v1.NodeGetCapabilitiesResponse', { capabilities: [{ rpc: { type: 'STAGE_UNSTAGE_VOLUME' } }] })]).toEqual([0x0a, 4, 0x0a, 2, 0x08, 1]);
  expect([...encode('csi.v1.ProbeResponse', { ready: { value: true } })]).toEqual([0x0a, 2, 0x08, 1]);
  expect([...fieldsOf(encode('csi.v1.GetPluginInfoResponse', { name: 'n', vendor_version: '1', manifest: { a: 'b' } })).keys()]).toEqual([1, 2, 3]);
  expect([...fieldsOf(encode('pluginregistration.PluginInfo', { type: 'CSIPlugin', name: 'n', endpoint: '/e', supported_versions: ['1.0.0'] })).keys()]).toEqual([1, 2, 3, 4]);
  expect([...fieldsOf(encode('pluginregistration.RegistrationStatus', { plugin_registered: true, error: 'x' })).keys()]).toEqual([1, 2]);
});

test('a service answers with the handler\'s result, its CsiError\'s status, or INTERNAL; requests decode with defaults', async () => {
  const seen: unknown[] = [];
  const service = unaryService(root, 'csi.v1.Node', {
    NodeUnpublishVolume: async (req) => {
      seen.push(req);
      if (req.volume_id === 'bad') throw new CsiError(status.INVALID_ARGUMENT, 'bad volume');
      if (req.volume_id === 'boom') throw new Error('disk on fire');
      return {};
    },
  });
  const method = service.definition.NodeUnpublishVolume;
  expect(method.path).toBe('/csi.v1.Node/NodeUnpublishVolume');
  const call = (volumeId: string) => new Promise<{ err: any; value: any }>((resolve) => {
    const request = method.requestDeserialize(method.requestSerialize({ volume_id: volumeId }));
    const fake = { request, on: () => undefined, getDeadline: () => Infinity };
    (service.implementation.NodeUnpublishVolume as any)(fake, (err: any, value: any) => resolve({ err, value }));
  });
  expect(await call('ok')).toEqual({ err: null, value: {} });
  expect(seen[0]).toEqual({ volume_id: 'ok', target_path: '' });
  expect((await call('bad')).err).toEqual({ code: status.INVALID_ARGUMENT, details: 'bad volume' });
  expect((await call('boom')).err).toEqual({ code: status.INTERNAL, details: 'NodeUnpublishVolume: disk on fire' });
  expect(() => unaryService(root, 'csi.v1.Node', { NodeExpandVolume: async () => ({}) })).toThrow('csi.v1.Node has no method NodeExpandVolume');
});

test('one call per key at a time: a second is refused ABORTED, naming what holds the key', async () => {
  const locks = new KeyLocks();
  let release!: () => void;
  const first = locks.run('/t', 'NodePublishVolume v', () => new Promise<void>((r) => (release = r)));
  await expect(locks.run('/t', 'NodeUnpublishVolume v', async () => undefined)).rejects.toMatchObject({
    code: status.ABORTED, message: 'NodeUnpublishVolume v: NodePublishVolume v is in progress on /t; retry later',
  });
  expect(locks.isBusy('/t')).toBe(true);
  release();
  await first;
  expect(locks.isBusy('/t')).toBe(false);
});
