// The CSI node plugin's objects in `fluid-cdk8s install` output. Files that run only the operator leave them out:
// the plugin needs the real node's kubelet folder (csi.test.ts installs it so), and resourceOf() knows no CSIDriver.
import { CSI_PLUGIN_NAME } from '../../../constructs/csi/csi-install';

export function isCsiPluginObject(doc: { kind?: string; metadata: { name?: string } }): boolean {
  return doc.kind === 'CSIDriver' || doc.metadata.name === CSI_PLUGIN_NAME;
}
