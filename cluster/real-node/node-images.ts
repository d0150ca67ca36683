// The images every real node gets before its kubelet starts: the sandbox, a busybox for test pods, and the operator
// under the name `fluid-cdk8s install` uses, so its output runs unchanged. Built once, then found by content.
import { BuiltImage, ImageDefinition } from '../../images/image-definition';
import { ImageStore } from '../../images/image-store';
import { busyboxImage } from '../../images/definitions/busybox';
import { operatorImage } from '../../images/definitions/operator';
import { pauseImage } from '../../images/definitions/pause';
import { defaultOperatorImage } from '../../constructs/operator/operator-image';
import * as path from 'node:path';

export interface NodeImages {
  readonly pause: BuiltImage;
  readonly busybox: BuiltImage;
  readonly operator: BuiltImage;
  /** Images a caller asked for besides these (a later test's cache engine, say). */
  readonly extra: readonly BuiltImage[];
}

export async function buildNodeImages(repoRoot: string, nodeBinDir: string, extra: readonly ImageDefinition[], log: (line: string) => void): Promise<NodeImages> {
  const store = new ImageStore(undefined, log);
  const [pause, busybox, operator, ...rest] = await Promise.all([
    store.image(pauseImage(path.join(nodeBinDir, 'pause'))),
    store.image(busyboxImage()),
    store.image(operatorImage({ repoRoot, aliases: [defaultOperatorImage()] })),
    ...extra.map((def) => store.image(def)),
  ]);
  return { pause, busybox, operator, extra: rest };
}

/** Everything but the sandbox image, which containerd is told about in its config. */
export function podImages(images: NodeImages): BuiltImage[] {
  return [images.busybox, images.operator, ...images.extra];
}
