// The name a runtime gives its profile or class, when the construct is also handed that object.
import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** The spec's name, else the object's; both given and different is the user's mistake, named with the field. */
export function referencedName(scope: Construct, id: string, inSpec: string | undefined, object: ApiObject | undefined, field: string): string | undefined {
  if (object === undefined) return inSpec;
  const objectName = object.name;
  if (inSpec !== undefined && inSpec !== objectName) {
    throw new Error(`${scope.node.path}/${id}: runtime ${field} is "${inSpec}" but the ${object.kind} given is "${objectName}"`);
  }
  return objectName;
}
