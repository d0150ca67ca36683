import { z } from 'zod';
import { opt, stringMap } from '../fields';

/** Labels and annotations added to the pods of a component. */
export const PodMetadata = z.strictObject({
  labels: opt('Labels added to the pods.', stringMap()),
  annotations: opt('Annotations added to the pods.', stringMap()),
});
export type PodMetadata = z.infer<typeof PodMetadata>;
