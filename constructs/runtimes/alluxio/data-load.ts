// An Alluxio DataLoad: a Job (or CronJob) running the runtime's own image, reading the runtime's ConfigMap for the
// cluster's addresses, and loading each target path with `alluxio fs distributedLoad`
// (charts/fluid-dataloader/alluxio, pkg/ddc/alluxio/load_data.go).
import type { Construct } from 'constructs';
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { DataLoadSpec } from '../../../crds/schema/data-load';
import { addEngineOperationJob } from '../../operations/engine-operation-job';
import type { BuiltOperation, OperationBuilder, OperationInput } from '../../operations/operation-contract';
import { operationIdentity } from '../../operations/operation-identity';
import { podIpEnv, targetPaths, valueEnv } from '../../operations/operation-pod';
import { imagePullSecretsFromEnv } from '../fluid-switches';
import { imageRef } from './images';
import { LOADER_SCRIPT_FILES, LOADER_SCRIPTS } from './loader-scripts';
import { configEnvFrom } from './pod-parts';
import { resolveValues } from './values';

function build(scope: Construct, input: OperationInput<DataLoadSpec>): BuiltOperation {
  const { operation, runtime } = input;
  const spec = operation.spec;
  const v = resolveValues(runtime as OperationInput<AlluxioRuntimeSpec>['runtime']);
  const id = operationIdentity('DataLoad', operation.metadata.name, 'alluxio', v.ds.name, v.id.datasetId, spec.policy);
  const { paths, replicas } = targetPaths(spec.target);
  return addEngineOperationJob(scope, {
    id,
    operation,
    pullSecrets: imagePullSecretsFromEnv(runtime.settings.env),
    container: {
      name: 'dataloader',
      image: imageRef(v.image),
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/sh', '-c'],
      args: [`/scripts/${LOADER_SCRIPT_FILES['dataloader.alluxio.init']} && /scripts/${LOADER_SCRIPT_FILES['dataloader.distributedLoad']}`],
      env: [
        podIpEnv('ALLUXIO_CLIENT_HOSTNAME'),
        valueEnv('ALLUXIO_CLIENT_JAVA_OPTS', ' -Dalluxio.user.hostname=${ALLUXIO_CLIENT_HOSTNAME}'),
        valueEnv('NEED_LOAD_METADATA', String(spec.loadMetadata ?? false)),
        valueEnv('DATA_PATH', paths.join(':')),
        valueEnv('PATH_REPLICAS', replicas.join(':')),
      ],
      envFrom: configEnvFrom(v),
      ...(spec.resources ? { resources: spec.resources } : {}),
    },
    scripts: { suffix: 'data-load-script', volumeName: 'data-load-script', files: LOADER_SCRIPT_FILES, data: LOADER_SCRIPTS },
  });
}

export const alluxioDataLoad: OperationBuilder<DataLoadSpec> = {
  // Fluid's Alluxio loader reads no options; saying so beats ignoring what the user asked for.
  check: ({ operation }) => Object.keys(operation.spec.options ?? {}).map((key) => ({ path: `spec.options.${key}`, message: 'the Alluxio DataLoad takes no options' })),
  build,
};
