// Metadata of an object embedded in a spec (a pod template, a volume claim template).
// Fluid's CRDs declare it as a bare `type: object`, so the apiserver silently drops the labels users put there;
// we declare the fields a template may carry so they survive.
import { z } from 'zod';
import { opt, stringMap } from '../fields';

export const EmbeddedObjectMeta = z.strictObject({
  name: opt('Name of the object created from the template.', z.string()),
  generateName: opt('Prefix for a generated name.', z.string()),
  namespace: opt('Namespace of the object created from the template.', z.string()),
  labels: opt('Labels of the object created from the template.', stringMap()),
  annotations: opt('Annotations of the object created from the template.', stringMap()),
  finalizers: opt('Finalizers of the object created from the template.', z.array(z.string())),
});
export type EmbeddedObjectMeta = z.infer<typeof EmbeddedObjectMeta>;
