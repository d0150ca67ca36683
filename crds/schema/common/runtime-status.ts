import { z } from 'zod';
import { dateTime, int32, int64, opt, req, stringMap } from '../fields';
import { NodeAffinity } from '../k8s/core.generated';
import { Mount } from './mount';

/** Phase of a runtime component: "" (not set up), NotReady, PartialReady or Ready. */
export const RuntimePhase = z.string();

/** A runtime condition: MasterInitialized, MasterReady, WorkersInitialized, WorkersReady, FusesReady, ... */
export const RuntimeCondition = z.strictObject({
  type: req('Condition type, for example MasterReady.', z.string()),
  status: req('True, False or Unknown.', z.string()),
  reason: opt('Machine-readable reason of the last transition.', z.string()),
  message: opt('Human-readable details of the last transition.', z.string()),
  lastProbeTime: opt('When the condition was last probed.', dateTime()),
  lastTransitionTime: opt('When the status last changed.', dateTime()),
  observedGeneration: opt('metadata.generation the condition was set for; fluid-cdk8s records it where only a new spec can change the answer.', int64()),
  referenceGeneration: opt('metadata.generation of the ThinRuntimeProfile or CacheRuntimeClass the runtime names, when the condition was set; fluid-cdk8s records it with observedGeneration, as a change there changes what the runtime renders.', int64()),
});
export type RuntimeCondition = z.infer<typeof RuntimeCondition>;

/** Status of Alluxio, Jindo, JuiceFS, Thin, EFC and Vineyard runtimes (api/v1alpha1/status.go). */
export const RuntimeStatus = z.strictObject({
  valueFile: req('ConfigMap holding the rendered values of the runtime.', z.string()),
  masterPhase: req('Phase of the masters.', RuntimePhase),
  masterReason: opt('Reason of the last master phase change.', z.string()),
  workerPhase: req('Phase of the workers.', RuntimePhase),
  workerReason: opt('Reason of the last worker phase change.', z.string()),
  desiredWorkerNumberScheduled: req('Workers that should run.', int32()),
  currentWorkerNumberScheduled: req('Workers scheduled now.', int32()),
  workerNumberReady: req('Workers running and ready.', int32()),
  workerNumberAvailable: opt('Workers available.', int32()),
  workerNumberUnavailable: opt('Workers not available.', int32()),
  desiredMasterNumberScheduled: req('Masters that should run.', int32()),
  currentMasterNumberScheduled: req('Masters scheduled now.', int32()),
  masterNumberReady: req('Masters running and ready.', int32()),
  fusePhase: req('Phase of the fuse clients.', RuntimePhase),
  fuseReason: opt('Reason of the last fuse phase change.', z.string()),
  currentFuseNumberScheduled: req('Fuse pods scheduled now.', int32()),
  desiredFuseNumberScheduled: req('Fuse pods that should run.', int32()),
  fuseNumberReady: req('Fuse pods running and ready.', int32()),
  fuseNumberUnavailable: opt('Fuse pods not available.', int32()),
  fuseNumberAvailable: opt('Fuse pods available.', int32()),
  setupDuration: opt('Time from creation to the first ready state.', z.string()),
  conditions: opt('Observed conditions, one per type.', z.array(RuntimeCondition)),
  cacheStates: opt('Cache figures: cached, cacheCapacity, cachedPercentage, cacheHitRatio, ...', stringMap()),
  selector: opt('Label selector of the worker pods, for the scale subresource.', z.string()),
  apiGateway: opt('REST gateway of the runtime.', z.strictObject({ endpoint: opt('Gateway endpoint.', z.string()) })),
  mountTime: opt('When the data sources were last mounted.', dateTime()),
  mounts: opt('Mounts of the bound dataset (ThinRuntime).', z.array(Mount)),
  cacheAffinity: opt('Node affinity of the cache workers.', NodeAffinity),
});
export type RuntimeStatus = z.infer<typeof RuntimeStatus>;
