// A JuiceFS DataLoad: a Job (or CronJob) under the runtime's `<name>-loader` account that execs `juicefs warmup` in
// the worker pods (charts/fluid-dataloader/juicefs, pkg/ddc/juicefs/data_load.go). The account, its Role and
// RoleBinding come with the runtime (rbac.ts).
import type { Construct } from 'constructs';
import type { DataLoadSpec } from '../../../crds/schema/data-load';
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import { selectorText } from '../../fluid-labels';
import { addEngineOperationJob } from '../../operations/engine-operation-job';
import type { BuiltOperation, OperationBuilder, OperationInput } from '../../operations/operation-contract';
import { operationIdentity } from '../../operations/operation-identity';
import { podIpEnv, targetPaths, valueEnv } from '../../operations/operation-pod';
import { imagePullSecretsFromEnv } from '../fluid-switches';
import type { RenderInput } from '../runtime-engine';
import { names, selectorOf } from './labels';
import { LOADER_SCRIPT_FILES, LOADER_SCRIPTS } from './loader-scripts';
import { commandFlags, timeoutErrors, timeoutOf } from './operation-options';
import { juiceValues } from './values';

function build(scope: Construct, input: OperationInput<DataLoadSpec>): BuiltOperation {
  const { operation } = input;
  const runtime = input.runtime as RenderInput<JuiceFSRuntimeSpec>;
  const spec = operation.spec;
  const v = juiceValues(runtime);
  const id = operationIdentity('DataLoad', operation.metadata.name, 'juicefs', v.ds.name, v.datasetId, spec.policy);
  const { paths, replicas } = targetPaths(spec.target);
  return addEngineOperationJob(scope, {
    id,
    operation,
    pullSecrets: imagePullSecretsFromEnv(runtime.settings.env),
    pod: { serviceAccountName: names.loader(v) },
    container: {
      name: 'dataloader',
      image: `${v.fuseImage.image}:${v.fuseImage.tag}`,
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/sh', '-c'],
      args: [`/scripts/${LOADER_SCRIPT_FILES['dataloader.distributedLoad']}`],
      env: [
        podIpEnv('STORAGE_ADDRESS'),
        valueEnv('MOUNTPATH', v.mountPath),
        valueEnv('EDITION', v.edition),
        valueEnv('TIMEOUT', timeoutOf(spec.options)),
        valueEnv('OPTION', commandFlags(spec.options)),
        valueEnv('DATA_PATH', paths.join(' ')),
        valueEnv('PATH_REPLICAS', replicas.join(':')),
        valueEnv('POD_NAMESPACE', v.ds.namespace),
        // Fluid passes POD_NAMES, the workers running when it rendered the Job. The script lists the running
        // workers itself when it starts, so the Job does not depend on the cluster's state at rendering time.
        valueEnv('WORKER_SELECTOR', selectorText(selectorOf(v, 'juicefs-worker'))),
      ],
      ...(spec.resources ? { resources: spec.resources } : {}),
    },
    scripts: { suffix: 'data-load-script', volumeName: 'data-load-script', files: LOADER_SCRIPT_FILES, data: LOADER_SCRIPTS },
  });
}

/** DataLoad on a JuiceFSRuntime: `juicefs warmup` of the target paths; every option but timeout is a warmup flag. */
export const juicefsDataLoad: OperationBuilder<DataLoadSpec> = {
  check: ({ operation }) => timeoutErrors(operation.spec.options),
  build,
};
