// The pure parts of pod-exec.ts: what a status-channel Status means, and the output cap.
import { CappedOutput, execOutcome } from '../../../../operator/kube/pod-exec';

describe('execOutcome', () => {
  test('Success is exit code 0', () => {
    expect(execOutcome({ metadata: {}, status: 'Success' })).toEqual({ exitCode: 0 });
  });

  test('NonZeroExitCode gives the ExitCode cause, as a kubelet sends it', () => {
    expect(execOutcome({
      status: 'Failure', reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code: exit status 7',
      details: { causes: [{ reason: 'ExitCode', message: '7' }] },
    })).toEqual({ exitCode: 7 });
  });

  test('NonZeroExitCode without a number is a failure, not a guess', () => {
    expect(execOutcome({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: 'seven' }] } }))
      .toEqual({ failure: expect.stringContaining('NonZeroExitCode without a usable ExitCode cause') });
    expect(execOutcome({ status: 'Failure', reason: 'NonZeroExitCode' })).toHaveProperty('failure');
  });

  test('kwok\'s InternalError for a non-zero exit gives the code in its text', () => {
    // As the apiserver relays it from kwok v0.8.0: wrapped twice in InternalError.
    const cause = 'Internal error occurred: error executing command in container: cmd wait: /bin/alluxio fs ls /x: exit status 3';
    expect(execOutcome({
      status: 'Failure', reason: 'InternalError', code: 500, message: `Internal error occurred: ${cause}`, details: { causes: [{ message: cause }] },
    })).toEqual({ exitCode: 3 });
  });

  test('other InternalErrors, including a failed start, are failures with the apiserver\'s message', () => {
    const message = 'Internal error occurred: error executing command in container: cmd start: nope : exec: "nope": executable file not found in $PATH';
    expect(execOutcome({ status: 'Failure', reason: 'InternalError', message, details: { causes: [{ message }] } }))
      .toEqual({ failure: `InternalError: ${message}` });
    // Go's "exit status N" alone (say from a container runtime) is not kwok's shape and is not taken for the command's code.
    expect(execOutcome({ status: 'Failure', reason: 'InternalError', message: 'runc: exit status 1' })).toEqual({ failure: 'InternalError: runc: exit status 1' });
    // A killed command has no exit status.
    expect(execOutcome({ status: 'Failure', reason: 'InternalError', message: 'x: cmd wait: sleep 9: signal: killed' })).toHaveProperty('failure');
  });
});

describe('CappedOutput', () => {
  test('keeps everything up to the cap', () => {
    const out = new CappedOutput(5);
    out.add(Buffer.from('ab'));
    out.add(Buffer.from('cde'));
    expect(out.text()).toBe('abcde');
    expect(out.truncated).toBe(false);
  });

  test('cuts the chunk that crosses the cap and drops the rest', () => {
    const out = new CappedOutput(5);
    out.add(Buffer.from('abc'));
    out.add(Buffer.from('defg'));
    out.add(Buffer.from('hij'));
    expect(out.text()).toBe('abcde');
    expect(out.truncated).toBe(true);
  });

  test('a cap of 0 keeps nothing but still notes the truncation', () => {
    const out = new CappedOutput(0);
    out.add(Buffer.from('x'));
    expect(out.text()).toBe('');
    expect(out.truncated).toBe(true);
  });
});
