import { JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CSI_DRIVER } from '../components/dataset-volume';

export interface FluidCsiDriverProps {
  /**
   * The kubelet passes the pod's name, namespace and UID in NodePublishVolume's volume context, which the plugin
   * logs with each publication. @default true, as Fluid's chart (charts/fluid/fluid/templates/csi/driver.yaml)
   */
  readonly podInfoOnMount?: boolean;
}

/**
 * The CSIDriver object of fuse.csi.fluid.io: no attach step (nothing to attach, the fuse runs on the node), and only
 * persistent volumes, the PVs Fluid's controllers and ours create (constructs/components/dataset-volume.ts).
 */
export class FluidCsiDriver extends Construct {
  readonly name = CSI_DRIVER;

  constructor(scope: Construct, id: string, props: FluidCsiDriverProps = {}) {
    super(scope, id);
    const driver = new k8s.KubeCsiDriver(this, 'CSIDriver', {
      metadata: { name: CSI_DRIVER },
      spec: { attachRequired: false, podInfoOnMount: props.podInfoOnMount ?? true, volumeLifecycleModes: ['Persistent'] },
    });
    // Cluster-scoped, whatever the chart's namespace.
    driver.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
