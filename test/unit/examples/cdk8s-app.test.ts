// The typed imports/ classes, as a cdk8s user writes with them (examples/cdk8s-app/), give Fluid YAML that
// validates and that the operator's plan renders.
import { App } from 'cdk8s';
import { builtinEngines } from '../../../constructs/runtimes/builtin-engines';
import { validateObject } from '../../../crds/validate';
import { CachedDatasetChart } from '../../../examples/cdk8s-app/cached-dataset-chart';
import { synthesize } from '../../../operator/reconcilers/synthesize';

test('a chart of typed Dataset and AlluxioRuntime objects validates and is planned by the operator', () => {
  const chart = new CachedDatasetChart(new App(), 'demo', { name: 'imagenet', namespace: 'team-a', source: 's3://datasets/imagenet', workers: 3 });
  const objects = chart.toJson();
  expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['Dataset/team-a/imagenet', 'AlluxioRuntime/team-a/imagenet']);
  for (const o of objects) expect(validateObject(o)).toMatchObject({ ok: true });
  const result = synthesize(objects, builtinEngines());
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const worker = result.groups[0].objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'imagenet-worker') as unknown as { spec: { replicas: number } };
  expect(worker.spec.replicas).toBe(3);
});
