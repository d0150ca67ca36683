// The node plugin as a whole: two gRPC servers on unix sockets in the kubelet's folder (the CSI services, and plugin
// registration, which makes the kubelet find the first), and the fuse recovery loop.
import * as grpc from '@grpc/grpc-js';
import type * as k8s from '@kubernetes/client-node';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { identityHandlers, nodeHandlers, registrationHandlers } from './csi-services';
import { FuseRecovery } from './fuse-recovery';
import { KeyLocks } from './key-locks';
import { CsiKube } from './kube/csi-kube';
import { MountIo } from './mount-io';
import type { NodeContext } from './node-context';
import { PathProber } from './path-probe';
import { pluginPaths } from './plugin-paths';
import { CSI_V1_PROTO, WRAPPERS_PROTO } from './proto/csi-v1-proto';
import { PLUGIN_REGISTRATION_PROTO } from './proto/plugin-registration-proto';
import { CallObserver, protoRoot, unaryService } from './proto/unary-service';
import { PublicationStore } from './publication-store';

export interface CsiPluginOptions {
  readonly kc: k8s.KubeConfig;
  readonly nodeId: string;
  readonly kubeletDir: string;
  readonly mountRoot: string;
  readonly logger: Logger;
  /** How long staging and publishing wait for the fuse mount. */
  readonly mountTimeoutMs: number;
  /** Fuse recovery period; 0 turns recovery off. */
  readonly recoveryPeriodMs: number;
}

/** Often enough that a stage notices the fuse within a fraction of a second, rarely enough to cost nothing. */
const POLL_MS = 200;

export class CsiPlugin {
  private constructor(
    private readonly ctx: NodeContext,
    private readonly servers: readonly grpc.Server[],
    private readonly recovery: FuseRecovery | undefined,
  ) {}

  static async start(options: CsiPluginOptions): Promise<CsiPlugin> {
    const paths = pluginPaths(options.kubeletDir);
    const logger = options.logger;
    const ctx: NodeContext = {
      nodeId: options.nodeId,
      kubeletDir: options.kubeletDir.replace(/\/+$/, ''),
      mountRoot: options.mountRoot.replace(/\/+$/, ''),
      paths,
      kube: new CsiKube(options.kc),
      mounts: new MountIo(path.join(tmpdir(), `fluid-cdk8s-csi-${process.pid}`)),
      prober: new PathProber(),
      publications: new PublicationStore(paths.publicationsDir),
      locks: new KeyLocks(),
      logger,
      mountTimeoutMs: options.mountTimeoutMs,
      pollMs: POLL_MS,
    };
    const observe: CallObserver = (method, request, durationMs, error) => {
      const volumeId = (request as { volume_id?: string }).volume_id;
      if (error) logger.warn({ method, volumeId, durationMs, code: grpc.status[error.code], err: error.message }, 'CSI call failed');
      else logger.debug({ method, volumeId, durationMs }, 'CSI call');
    };
    const root = protoRoot(WRAPPERS_PROTO, CSI_V1_PROTO, PLUGIN_REGISTRATION_PROTO);
    const csi = new grpc.Server();
    for (const [name, handlers] of [['csi.v1.Identity', identityHandlers()], ['csi.v1.Node', nodeHandlers(ctx)]] as const) {
      const service = unaryService(root, name, handlers, observe);
      csi.addService(service.definition, service.implementation);
    }
    await listen(csi, paths.csiSocket);
    // The registration socket last: once it exists the kubelet dials the CSI socket, which must answer by then.
    const registration = new grpc.Server();
    const registered = unaryService(root, 'pluginregistration.Registration', registrationHandlers(paths.csiSocket, logger), observe);
    registration.addService(registered.definition, registered.implementation);
    await listen(registration, paths.registrationSocket);
    logger.info({ nodeId: ctx.nodeId, csiSocket: paths.csiSocket, registrationSocket: paths.registrationSocket, mountRoot: ctx.mountRoot }, 'Serving CSI for fuse.csi.fluid.io');
    let recovery: FuseRecovery | undefined;
    if (options.recoveryPeriodMs > 0) {
      recovery = new FuseRecovery(ctx);
      recovery.start(options.recoveryPeriodMs);
    }
    return new CsiPlugin(ctx, [registration, csi], recovery);
  }

  /** Stops recovery, then removes the registration socket (the kubelet deregisters the driver), then the CSI socket. */
  async stop(): Promise<void> {
    await this.recovery?.stop();
    for (const [server, socket] of [[this.servers[0], this.ctx.paths.registrationSocket], [this.servers[1], this.ctx.paths.csiSocket]] as const) {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      await rm(socket, { force: true });
    }
  }
}

/** Serves on a unix socket, replacing the one a previous run left. */
async function listen(server: grpc.Server, socket: string): Promise<void> {
  await mkdir(path.dirname(socket), { recursive: true });
  await rm(socket, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix://${socket}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(new Error(`cannot serve on ${socket}: ${err.message}`)) : resolve()));
  });
}
