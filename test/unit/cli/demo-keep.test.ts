// `demo --keep`: the hints name the kubeconfig and kubectl, and the wait ends on SIGINT or SIGTERM (and not before).
import { keepUntilStopped } from '../../../cli/demo-keep';

it.each(['SIGINT', 'SIGTERM'] as const)('prints how to look around, then waits for %s', async (signal) => {
  const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
  const lines: string[] = [];
  let ended = false;
  const waiting = keepUntilStopped((l) => lines.push(l), '/tmp/c/kubeconfig.yaml', '/cache/bin/kubectl').then(() => (ended = true));
  // Let any settled promise run first: the wait must still be pending with no signal.
  await new Promise((resolve) => setImmediate(resolve));
  expect(ended).toBe(false);
  expect(lines).toContain('  export KUBECONFIG=/tmp/c/kubeconfig.yaml');
  expect(lines).toContain('  /cache/bin/kubectl get datasets,pods -A');
  // As Node calls a signal listener: with the signal name.
  process.emit(signal, signal);
  await waiting;
  expect(lines[lines.length - 1]).toBe(`${signal}: stopping`);
  // Both listeners are gone, so a later Ctrl-C is not swallowed by a finished demo.
  expect(process.listenerCount('SIGINT')).toBe(before.SIGINT);
  expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM);
});
