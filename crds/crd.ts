// Builds the CustomResourceDefinition of a kind from its zod schema and the CRD facts in kinds.ts.
import { toStructuralSchema, JsonSchema } from './crd-schema';
import { GROUP, KindDefinition, VERSION } from './schema/kinds';

export function customResourceDefinition(def: KindDefinition): JsonSchema {
  const body = toStructuralSchema(def.body);
  const root: JsonSchema = {
    description: `${def.kind} of Fluid's ${GROUP} API, served by fluid-cdk8s.`,
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion of the object.' },
      kind: { type: 'string', description: 'Kind of the object.' },
      metadata: { type: 'object' },
      ...body.properties,
    },
  };
  if (body.required?.length) root.required = body.required;

  const subresources: JsonSchema = {};
  if (def.statusSubresource) subresources.status = {};
  if (def.scale) subresources.scale = { ...def.scale };

  const names: JsonSchema = { kind: def.kind, listKind: `${def.kind}List`, plural: def.plural, singular: def.kind.toLowerCase() };
  if (def.shortNames.length) names.shortNames = [...def.shortNames];
  if (def.categories.length) names.categories = [...def.categories];

  const version: JsonSchema = { name: VERSION, served: true, storage: true, schema: { openAPIV3Schema: root } };
  if (Object.keys(subresources).length) version.subresources = subresources;
  if (def.printerColumns.length) version.additionalPrinterColumns = def.printerColumns.map((c) => ({ ...c }));

  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${GROUP}` },
    spec: { group: GROUP, names, scope: def.scope, versions: [version] },
  };
}
