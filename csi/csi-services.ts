// The gRPC handlers the kubelet calls: CSI Identity and Node on the driver's socket, plugin registration on the
// registration socket. Each handler is a thin call into stage.ts / publish.ts or a constant answer.
import type { Logger } from 'pino';
import { packageVersion } from '../constructs/operator/operator-image';
import { CSI_DRIVER } from './plugin-paths';
import type { NodeContext } from './node-context';
import { publishVolume, unpublishVolume } from './publish';
import type { UnaryHandler } from './proto/unary-service';
import { stageVolume, unstageVolume } from './stage';

/** The CSI spec version the kubelet is told this plugin speaks (node-driver-registrar reports the same). */
const CSI_VERSIONS = ['1.0.0'];

export function identityHandlers(): Record<string, UnaryHandler> {
  return {
    GetPluginInfo: async () => ({ name: CSI_DRIVER, vendor_version: packageVersion(), manifest: {} }),
    // No controller service: Fluid's PVs are made by its controllers, not provisioned through CSI.
    GetPluginCapabilities: async () => ({ capabilities: [] }),
    Probe: async () => ({ ready: { value: true } }),
  };
}

export function nodeHandlers(ctx: NodeContext): Record<string, UnaryHandler> {
  return {
    NodeGetInfo: async () => ({ node_id: ctx.nodeId, max_volumes_per_node: 0 }),
    NodeGetCapabilities: async () => ({ capabilities: [{ rpc: { type: 'STAGE_UNSTAGE_VOLUME' } }] }),
    NodeStageVolume: (req, call) => stageVolume(ctx, req, call),
    NodeUnstageVolume: (req) => unstageVolume(ctx, req),
    NodePublishVolume: (req, call) => publishVolume(ctx, req, call),
    NodeUnpublishVolume: (req) => unpublishVolume(ctx, req),
  };
}

/** The kubelet's plugin watcher asks where the driver is, registers it, and says how that went. */
export function registrationHandlers(csiSocket: string, logger: Logger): Record<string, UnaryHandler> {
  return {
    GetInfo: async () => ({ type: 'CSIPlugin', name: CSI_DRIVER, endpoint: csiSocket, supported_versions: CSI_VERSIONS }),
    NotifyRegistrationStatus: async (req: { plugin_registered: boolean; error: string }) => {
      if (req.plugin_registered) logger.info('The kubelet registered the driver');
      else logger.error({ error: req.error }, 'The kubelet refused to register the driver');
      return {};
    },
  };
}
