import * as k8s from '@kubernetes/client-node';
import { apiErrorFields, failureLog } from '../../../operator/kube/api-calls';
import { KubeApiError } from '../../../operator/kube/kube-request';
import { objectField, processLogger } from '../../../operator/process-logger';
import { ExponentialBackoffLimiter } from '../../../operator/rate-limiter';
import { WorkQueue } from '../../../operator/work-queue';
import { captureLogger } from '../../support/capture-logger';
import { FakeClock } from '../../support/fake-clock';

/** What fetch throws when the apiserver is not there: "fetch failed", the reason in its cause. */
function refused(): Error {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause });
}

describe('the process logger', () => {
  test("puts its own name under `logger`, so an object's name never shares the key", () => {
    const raw: string[] = [];
    const log = processLogger('fluid-cdk8s', 'info', { write: (line: string) => void raw.push(line) });
    log.info(objectField({ kind: 'Dataset', namespace: 'team-a', name: 'imagenet' }), 'Applied plan');
    expect(raw).toHaveLength(1);
    expect(raw[0].match(/"name":/g)).toHaveLength(1);
    expect(JSON.parse(raw[0])).toMatchObject({ logger: 'fluid-cdk8s', object: { kind: 'Dataset', namespace: 'team-a', name: 'imagenet' }, msg: 'Applied plan' });
  });

  test('--log-level drops the levels below it', () => {
    const raw: string[] = [];
    const log = processLogger('fluid-cdk8s', 'warn', { write: (line: string) => void raw.push(line) });
    log.info('quiet');
    log.warn('loud');
    expect(raw.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });

  test('a cluster-scoped object has no namespace key', () => {
    expect(objectField({ kind: 'Node', namespace: undefined, name: 'n1' })).toEqual({ object: { kind: 'Node', name: 'n1' } });
  });
});

describe('failed calls in log lines', () => {
  test('an unreachable apiserver shows the cause behind "fetch failed"', () => {
    expect(apiErrorFields(refused())).toEqual({ error: 'fetch failed', cause: 'connect ECONNREFUSED 127.0.0.1:6443' });
    // A cause whose message lacks its code gets the code in front.
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(apiErrorFields(reset)).toEqual({ error: 'fetch failed', cause: 'UND_ERR_SOCKET: other side closed' });
  });

  test('a 409 conflict is debug with its message; other answers and network errors warn without a stack; the unexpected keeps it', () => {
    const conflict = new KubeApiError(409, 'Conflict', 'PATCH /apis/apps/v1/namespaces/a/statefulsets/x: 409 the object has been modified');
    expect(failureLog(conflict)).toEqual({ level: 'debug', fields: { code: 409, error: conflict.message } });
    expect(failureLog(new k8s.ApiException(409, 'm', { message: 'leases "x" already exists' }, {}))).toEqual({ level: 'debug', fields: { code: 409, error: 'leases "x" already exists' } });
    expect(failureLog(new KubeApiError(500, 'InternalError', 'etcd timeout'))).toEqual({ level: 'warn', fields: { code: 500, error: 'etcd timeout' } });
    expect(failureLog(refused())).toEqual({ level: 'warn', fields: { error: 'fetch failed', cause: 'connect ECONNREFUSED 127.0.0.1:6443' } });
    const bug = new TypeError("Cannot read properties of undefined (reading 'spec')");
    expect(failureLog(bug)).toEqual({ level: 'warn', fields: { err: bug } });
  });

  test('the work queue logs a conflict once, at debug, with the object and no stack', async () => {
    const clock = new FakeClock();
    const { logger, lines } = captureLogger();
    const queue = new WorkQueue({ name: 'runtime', logger, clock, rateLimiter: new ExponentialBackoffLimiter({ baseDelayMs: 100, maxDelayMs: 1_000, jitter: 0 }) });
    let calls = 0;
    queue.run(async () => (++calls === 1 ? { kind: 'retry', error: new KubeApiError(409, 'Conflict', 'PATCH x: 409 modified') } : { kind: 'done' }));
    queue.add('AlluxioRuntime/team-a/hbase');
    await clock.advance(1_000);
    expect(calls).toBe(2);
    const failed = lines.filter((l) => l.msg.startsWith('Reconcile failed'));
    expect(failed).toEqual([expect.objectContaining({ level: 20, controller: 'runtime', object: { kind: 'AlluxioRuntime', namespace: 'team-a', name: 'hbase' }, code: 409, error: 'PATCH x: 409 modified' })]);
    expect(failed[0]).not.toHaveProperty('err');
    await queue.shutdown();
  });
});
