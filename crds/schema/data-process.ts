// DataProcess (api/v1alpha1/dataprocess_types.go): run a job or script against a mounted Dataset.
import { z } from 'zod';
import { int32, opt, req, withDefault } from './fields';
import { OperationRef, Policy } from './common/operation';
import { PodMetadata } from './common/pod-metadata';
import { EnvVar, PodSpec, ResourceRequirements, Volume, VolumeMount } from './k8s/core.generated';

export const ScriptProcessor = z.strictObject({
  image: opt('Image running the script.', z.string()),
  imageTag: opt('Image tag.', z.string()),
  imagePullPolicy: opt('Image pull policy.', z.string()),
  restartPolicy: withDefault('Never or OnFailure.', z.enum(['Never', 'OnFailure']), 'Never'),
  command: opt('Interpreter command, for example ["bash"].', z.array(z.string())),
  source: req('Script source.', z.string()),
  env: opt('Environment variables of the script container.', z.array(EnvVar)),
  volumeMounts: opt('Mounts of the script container.', z.array(VolumeMount)),
  volumes: opt('Volumes of the script pod.', z.array(Volume)),
  resources: opt('Resources of the script container.', ResourceRequirements),
});

export const DataProcessSpec = z.strictObject({
  dataset: req(
    'The Dataset to process and where it is mounted.',
    z.strictObject({
      name: req('Name of the Dataset.', z.string()),
      namespace: opt('Namespace of the Dataset.', z.string()),
      mountPath: req('Where the Dataset PVC is mounted in the processor.', z.string()),
      subPath: opt('Sub-path of the Dataset to mount.', z.string()),
    }),
  ),
  processor: req(
    'What to run: exactly one of job or script.',
    z.strictObject({
      serviceAccountName: opt('Service account of the processor pod.', z.string()),
      podMetadata: opt('Labels and annotations of the processor pod.', PodMetadata),
      job: opt('A pod spec to run as a Job.', z.strictObject({ podSpec: opt('Pod spec of the Job.', PodSpec) })),
      script: opt('A script to run.', ScriptProcessor),
    }),
  ),
  runAfter: opt('Operation that must complete first.', OperationRef),
  ttlSecondsAfterFinished: opt('Delete the DataProcess this long after it finished.', int32()),
  policy: withDefault('Once, Cron or OnEvent.', Policy, 'Once'),
  schedule: opt('Cron schedule, for the Cron policy.', z.string()),
});
export type DataProcessSpec = z.infer<typeof DataProcessSpec>;
