// The pod sandbox image: the static pause binary hack/real-node/build.sh compiles from the kubernetes module.
import * as path from 'node:path';
import { ImageDefinition } from '../image-definition';
import { entryFor, sha256File, writeLayer } from '../layer';

export function pauseImage(pauseBinary: string): ImageDefinition {
  return {
    name: 'pause',
    inputs: async () => [`pause=${await sha256File(pauseBinary)}`],
    async build(ctx) {
      const layer = await writeLayer(path.join(ctx.workDir, 'pause.tar'), [await entryFor(pauseBinary, 'pause')], 'COPY pause /pause');
      // 65535 is the user of the upstream pause image.
      return { layers: [layer], config: { user: '65535:65535', entrypoint: ['/pause'], env: [] } };
    },
  };
}
