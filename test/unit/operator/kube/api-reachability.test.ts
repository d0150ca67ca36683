// One line when the apiserver goes away, naming the cause, and one when it answers again, however many calls fail.
import { ApiReachability, unreachableCause } from '../../../../operator/kube/api-reachability';
import { KubeApiError } from '../../../../operator/kube/kube-request';
import { captureLogger } from '../../../support/capture-logger';
import { FakeClock } from '../../../support/fake-clock';

const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });

describe('unreachableCause', () => {
  it("finds the socket error under fetch's wrappers", () => {
    const fetchError = new TypeError('fetch failed', { cause: refused() });
    expect(unreachableCause(fetchError)).toBe('connect ECONNREFUSED 127.0.0.1:6443');
    expect(unreachableCause(new Error('outer', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))).toBe('UND_ERR_SOCKET other side closed');
  });

  it('counts an apiserver that answers but does not serve yet (429, 503), and no other answer', () => {
    expect(unreachableCause(new KubeApiError(429, 'TooManyRequests', 'storage is (re)initializing'))).toBe('HTTP 429');
    expect(unreachableCause(new KubeApiError(409, 'Conflict', 'the object has been modified'))).toBeUndefined();
    expect(unreachableCause(new Error('spec.replicas: Invalid value'))).toBeUndefined();
  });
});

describe('ApiReachability', () => {
  it('logs the outage once with its cause, and the return once with how long it took', async () => {
    const clock = new FakeClock();
    const { logger, lines } = captureLogger('info');
    const reachability = new ApiReachability(logger, clock);
    reachability.answered('/api/v1/pods');
    for (let i = 0; i < 100; i++) expect(reachability.failed(refused(), `informer ${i}`)).toBe(true);
    expect(reachability.reachable).toBe(false);
    expect(reachability.failed(new KubeApiError(409, 'Conflict', 'modified'), 'reconcile')).toBe(false);
    await clock.advance(120_000);
    reachability.answered('lease');
    reachability.answered('/api/v1/pods');
    expect(lines.map((l) => [l.msg, l.cause ?? l.downMs])).toEqual([
      ['Lost connection to the API server; retrying with backoff', 'connect ECONNREFUSED 127.0.0.1:6443'],
      ['Reconnected to the API server', 120_000],
    ]);
    expect(lines[1]).toMatchObject({ failedCalls: 100, source: 'lease' });
  });
});
