// A cdk8s user's own chart: a Dataset cached by Alluxio, written with the typed classes of imports/ (one module per
// kind, so this file compiles two kinds' types, not the whole API). `npx cdk8s synth` on an app holding this chart
// prints Fluid YAML that `fluid-cdk8s validate` and `synth` accept, and the operator serves.
import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { AlluxioRuntime, AlluxioRuntimeSpecTieredstoreLevelsMediumtype, AlluxioRuntimeSpecTieredstoreLevelsQuota } from '../../imports/alluxioruntimes';
import { Dataset } from '../../imports/datasets';

export interface CachedDatasetChartProps extends ChartProps {
  /** Name of the Dataset and its runtime. */
  readonly name: string;
  /** Where the data lives: any URL Alluxio mounts (https://, s3://, pvc://, ...). */
  readonly source: string;
  /** Cache workers. @default 2 */
  readonly workers?: number;
  /** Memory cache per worker. @default '2Gi' */
  readonly memory?: string;
}

export class CachedDatasetChart extends Chart {
  constructor(scope: Construct, id: string, props: CachedDatasetChartProps) {
    super(scope, id, props);
    new Dataset(this, 'Dataset', {
      metadata: { name: props.name },
      spec: { mounts: [{ mountPoint: props.source, name: props.name }], accessModes: ['ReadOnlyMany'] },
    });
    new AlluxioRuntime(this, 'Runtime', {
      metadata: { name: props.name },
      spec: {
        replicas: props.workers ?? 2,
        tieredstore: {
          levels: [{
            mediumtype: AlluxioRuntimeSpecTieredstoreLevelsMediumtype.MEM,
            path: '/dev/shm',
            quota: AlluxioRuntimeSpecTieredstoreLevelsQuota.fromString(props.memory ?? '2Gi'),
          }],
        },
      },
    });
  }
}
