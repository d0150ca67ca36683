import { z } from 'zod';
import { opt, quantity, req, withDefault } from '../fields';
import { Volume } from '../k8s/core.generated';

/** The comma-separated list of at least two quantities Fluid accepts in `quotaList`. */
const QUOTA_LIST_PATTERN =
  '^((\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+)))),)+((\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?)$';

export const MediumType = z.enum(['MEM', 'SSD', 'HDD']);
export type MediumType = z.infer<typeof MediumType>;

/** A volume source without a name: what a tier is backed by when its volumeType is emptyDir. */
export const VolumeSource = Volume.omit({ name: true });

/** One cache tier of Alluxio, Jindo, JuiceFS, Thin, EFC and Vineyard runtimes. */
export const Level = z.strictObject({
  mediumtype: req('Medium of the tier: MEM, SSD or HDD.', MediumType),
  volumeType: withDefault('Volume backing the tier: hostPath or emptyDir.', z.enum(['hostPath', 'emptyDir']), 'hostPath'),
  volumeSource: opt('Volume source of an emptyDir tier.', VolumeSource),
  path: opt('Comma-separated host paths of the tier, for example "/mnt/cache1,/mnt/cache2".', z.string().min(1)),
  quota: opt('Quota of the whole tier, split equally over its paths (for example 100Gi).', quantity()),
  quotaList: opt(
    'Comma-separated quota per path, as many as there are paths (for example "100Gi,50Gi").',
    z.string().regex(new RegExp(QUOTA_LIST_PATTERN), { error: 'expected a comma-separated list of quantities such as "100Gi,50Gi"' }),
  ),
  high: opt('High watermark ratio of the tier, for example "0.9".', z.string()),
  low: opt('Low watermark ratio of the tier, for example "0.7".', z.string()),
});
export type Level = z.infer<typeof Level>;

export const TieredStore = z.strictObject({
  levels: opt('Cache tiers, fastest first.', z.array(Level)),
});
export type TieredStore = z.infer<typeof TieredStore>;
