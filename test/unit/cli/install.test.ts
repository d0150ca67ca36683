import { parseAllDocuments } from 'yaml';
import { installManifests, parseToleration } from '../../../cli/install';
import { defaultOperatorImage, packageVersion } from '../../../constructs/operator/operator-image';

function deployment(props: Parameters<typeof installManifests>[0]): any {
  return parseAllDocuments(installManifests(props)).map((d) => d.toJS()).find((d) => d.kind === 'Deployment');
}

test('the operator image is pinned to the package version, never latest, and pulled only when missing', () => {
  expect(defaultOperatorImage()).toBe(`ghcr.io/fluid-cdk8s/operator:${packageVersion()}`);
  expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  const container = deployment({}).spec.template.spec.containers[0];
  expect(container).toMatchObject({ image: defaultOperatorImage(), imagePullPolicy: 'IfNotPresent', args: expect.arrayContaining(['operator']) });
});

test('--image, --image-pull-policy, --node-selector and --toleration reach the pod template', () => {
  const spec = deployment({
    image: 'registry.example.org/me/op:dev', imagePullPolicy: 'Always', nodeSelector: { role: 'infra' },
    tolerations: [parseToleration('dedicated=infra:NoSchedule'), parseToleration('node.fluid-cdk8s.io/real')],
  }).spec.template.spec;
  expect(spec.containers[0]).toMatchObject({ image: 'registry.example.org/me/op:dev', imagePullPolicy: 'Always' });
  expect(spec.nodeSelector).toEqual({ role: 'infra' });
  expect(spec.tolerations).toEqual([
    { key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' },
    { key: 'node.fluid-cdk8s.io/real', operator: 'Exists' },
  ]);
});

test('no node selector or toleration is written unless asked for', () => {
  const spec = deployment({}).spec.template.spec;
  expect(spec.nodeSelector).toBeUndefined();
  expect(spec.tolerations).toBeUndefined();
});

test('a toleration with an unknown effect is refused, naming the effects there are', () => {
  expect(() => parseToleration('a:Sometimes')).toThrow('effect must be one of NoSchedule, PreferNoSchedule, NoExecute, got "Sometimes"');
});

test('a toleration with only a key and an effect tolerates any value', () => {
  expect(parseToleration('k:NoExecute')).toEqual({ key: 'k', operator: 'Exists', effect: 'NoExecute' });
  expect(() => parseToleration('=v')).toThrow(/expected key\[=value\]\[:effect\]/);
});
