// An Alluxio DataBackup: a pod next to the master that runs `alluxio fsadmin backup` and copies the metadata backup
// and a summary of the dataset to backupPath (charts/fluid-databackup/alluxio, pkg/ddc/alluxio/backup_data.go).
// Fluid pins the pod with nodeName to where the master runs at that moment; we say the same with pod affinity to
// the master pods, so the rendering does not depend on what the cluster looks like. Run as a user (the backup's
// runAs, else the runtime's), the pod first writes that user's passwd and group files with the runtime's
// init-users container, as Fluid's chart does.
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { DataBackupSpec } from '../../../crds/schema/data-backup';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { RuntimeConfigMap } from '../../components/runtime-config-map';
import type { BuiltOperation, OperationBuilder, OperationInput } from '../../operations/operation-contract';
import { operationIdentity, podLabels, scriptLabels } from '../../operations/operation-identity';
import { parseBackupPath } from '../../operations/operation-rules';
import { podAnnotations, valueEnv } from '../../operations/operation-pod';
import { imagePullSecretsFromEnv } from '../fluid-switches';
import { imageRef, initUsersImage } from './images';
import { InitUsers, initUsersContainer, initUsersVolumes, PASSWD_MOUNTS } from './init-users';
import { masterSelector } from './labels';
import { resolveValues } from './values';

const BACKUP_SCRIPT = `#!/bin/sh
set -eu
if [ -n "\${BACKUP_PVC:-}" ]; then target="/pvc\${BACKUP_PATH}"; else target="/host/"; fi
mkdir -p "$target"
uri=$(alluxio fsadmin backup | sed -n 's/^.*Backup URI *: *//p')
if [ -z "$uri" ]; then echo "DataBackup: alluxio fsadmin backup printed no backup URI" >&2; exit 1; fi
mv "/alluxio_backups/$(basename "$uri")" "\${target}metadata-backup-\${DATASET_NAME}-\${DATASET_NAMESPACE}.gz"
set -- $(alluxio fs count / | tail -n 1)
printf 'dataset: %s\\nnamespace: %s\\nfilenum: %s\\nufstotal: %s\\n' "$DATASET_NAME" "$DATASET_NAMESPACE" "$1" "$3" > "\${target}\${DATASET_NAME}-\${DATASET_NAMESPACE}.yaml"
echo "DataBackup: written to $target"
`;

/** Fluid keeps a backup's passwd and group files apart from the runtime's (pkg/utils/databackup.go GetBackupUserDir). */
const BACKUP_USERS_DIR = '/tmp/backupuser';

/** The init-users settings of the backup pod when it runs as a user (no tier folders to hand over). */
function backupInitUsers(input: OperationInput<DataBackupSpec>, spec: AlluxioRuntimeSpec, user: DataBackupSpec['runAs']): InitUsers | undefined {
  if (!user) return undefined;
  const { metadata } = input.operation;
  return {
    image: initUsersImage(spec, input.runtime.settings),
    dir: `${BACKUP_USERS_DIR}/${metadata.namespace ?? 'default'}/${metadata.name}`,
    users: `${user.uid}:${user.user}:${user.gid},${user.gid}:${user.group}`,
    tierPaths: '',
  };
}

function build(scope: Construct, input: OperationInput<DataBackupSpec>): BuiltOperation {
  const { operation, runtime } = input;
  const spec = operation.spec;
  const v = resolveValues(runtime as OperationInput<AlluxioRuntimeSpec>['runtime']);
  const id = operationIdentity('DataBackup', operation.metadata.name, 'alluxio', v.ds.name, v.id.datasetId);
  // The operation rules have checked the scheme already.
  const target = parseBackupPath(spec.backupPath ?? '') ?? { path: '/' };
  const workdir = runtime.settings.env.FLUID_WORKDIR || '/tmp';
  const user = spec.runAs ?? v.spec.runAs;
  const init = backupInitUsers(input, v.spec, user);
  const scriptName = `${operation.metadata.name}-script`;
  new RuntimeConfigMap(scope, 'BackupScript', { name: scriptName, labels: scriptLabels(id), data: { 'databackuper.alluxio': BACKUP_SCRIPT } });

  const volumes: Volume[] = [
    { name: 'backup', hostPath: { path: `${workdir}/alluxio-backup/${v.ds.namespace}/${v.ds.name}`, type: 'DirectoryOrCreate' } },
    { name: 'script', configMap: { name: scriptName, items: [{ key: 'databackuper.alluxio', path: 'databackup.sh', mode: 0o555 }] } },
    target.pvc ? { name: 'pvc', persistentVolumeClaim: { claimName: target.pvc } } : { name: 'host', hostPath: { path: target.path } },
    ...(init ? initUsersVolumes(init, true) : []),
  ];
  const mounts: VolumeMount[] = [
    { name: 'backup', mountPath: '/alluxio_backups' },
    { name: 'script', mountPath: '/scripts' },
    target.pvc ? { name: 'pvc', mountPath: '/pvc' } : { name: 'host', mountPath: '/host' },
    ...(init ? PASSWD_MOUNTS : []),
  ];
  const pullSecrets = imagePullSecretsFromEnv(runtime.settings.env);
  const name = `${operation.metadata.name}-pod`;
  new ApiObject(scope, 'BackupPod', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: podLabels(id, undefined), annotations: podAnnotations(undefined, operation.metadata.annotations) },
    spec: {
      restartPolicy: 'Never',
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: masterSelector(v.id) }, topologyKey: 'kubernetes.io/hostname' }] } },
      ...(pullSecrets.length ? { imagePullSecrets: pullSecrets } : {}),
      ...(init ? { initContainers: [initUsersContainer(init, ['init_users'], [])] } : {}),
      containers: [
        {
          name: 'tool',
          image: imageRef(v.image),
          imagePullPolicy: 'IfNotPresent',
          command: ['/bin/sh', '-c'],
          args: ['/scripts/databackup.sh'],
          securityContext: { runAsUser: user?.uid ?? 0, runAsGroup: user?.gid ?? 0 },
          env: [
            valueEnv('ALLUXIO_JAVA_OPTS', `-Dalluxio.master.hostname=${v.id.release}-master-0.${v.ds.namespace} -Dalluxio.master.rpc.port=${v.ports.master.rpc}`),
            valueEnv('DATASET_NAMESPACE', v.ds.namespace),
            valueEnv('DATASET_NAME', v.ds.name),
            ...(target.pvc ? [valueEnv('BACKUP_PVC', target.pvc)] : []),
            valueEnv('BACKUP_PATH', target.path),
          ],
          volumeMounts: mounts,
        },
      ],
      volumes,
    },
  });
  return { kind: 'Pod', name };
}

export const alluxioDataBackup: OperationBuilder<DataBackupSpec> = { build };
