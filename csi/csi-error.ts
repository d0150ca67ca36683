// An error a CSI call answers with: a gRPC status code the kubelet acts on (it retries, or marks the operation
// uncertain) and a message that names the volume, the path or the attribute at fault.
import { status } from '@grpc/grpc-js';

export class CsiError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'CsiError';
  }
}

export const invalidArgument = (message: string): CsiError => new CsiError(status.INVALID_ARGUMENT, message);
