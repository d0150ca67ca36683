// gRPC services from .proto text. protobufjs parses the text at start-up and encodes/decodes with it, so the
// definitions stay readable as proto (field numbers checkable against the spec) with no code generation step and no
// .proto file to ship beside dist/. grpc-js takes a service as a table of paths and (de)serializers, which the
// parsed service gives us directly; every method here is unary.
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';
import { CsiError } from '../csi-error';

/** One root holding every given .proto text; field names stay snake_case, as the kubelet's CSI client sends them. */
export function protoRoot(...texts: readonly string[]): protobuf.Root {
  const root = new protobuf.Root();
  for (const text of texts) protobuf.parse(text, root, { keepCase: true });
  root.resolveAll();
  return root;
}

/** What a handler knows about its call besides the request. */
export interface CallContext {
  /** When the caller stops waiting (ms since the epoch); Infinity when it set no deadline. */
  readonly deadline: number;
  /** Aborted when the caller cancels. */
  readonly signal: AbortSignal;
}

export type UnaryHandler = (request: any, context: CallContext) => Promise<object>;

/** Told about every call once it is answered: for logs and figures. */
export type CallObserver = (method: string, request: unknown, durationMs: number, error?: CsiError) => void;

/** Decoding fills defaults (empty strings, maps, lists) and gives enums as their names, so handlers never see undefined. */
const DECODE: protobuf.IConversionOptions = { enums: String, longs: Number, defaults: true, arrays: true, objects: true };

export interface BuiltService {
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: grpc.UntypedServiceImplementation;
}

/**
 * The grpc-js definition and implementation of `serviceName` (e.g. `csi.v1.Node`) for the methods in `handlers`;
 * grpc-js answers UNIMPLEMENTED for any other. A handler's CsiError becomes its status; anything else is INTERNAL.
 */
export function unaryService(root: protobuf.Root, serviceName: string, handlers: Readonly<Record<string, UnaryHandler>>, observe?: CallObserver): BuiltService {
  const service = root.lookupService(serviceName);
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const method = service.methods[name];
    if (!method) throw new Error(`${serviceName} has no method ${name}`);
    const requestType = root.lookupType(method.requestType);
    const responseType = root.lookupType(method.responseType);
    definition[name] = {
      path: `/${serviceName}/${name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: (value: object) => Buffer.from(requestType.encode(requestType.fromObject(value)).finish()),
      requestDeserialize: (bytes: Buffer) => requestType.toObject(requestType.decode(bytes), DECODE),
      responseSerialize: (value: object) => Buffer.from(responseType.encode(responseType.fromObject(value)).finish()),
      responseDeserialize: (bytes: Buffer) => responseType.toObject(responseType.decode(bytes), DECODE),
    };
    implementation[name] = (call: grpc.ServerUnaryCall<object, object>, callback: grpc.sendUnaryData<object>) => {
      const started = Date.now();
      const cancel = new AbortController();
      call.on('cancelled', () => cancel.abort());
      const deadline = call.getDeadline();
      const context: CallContext = { deadline: deadline instanceof Date ? deadline.getTime() : deadline, signal: cancel.signal };
      handler(call.request, context).then(
        (response) => {
          observe?.(name, call.request, Date.now() - started);
          callback(null, response);
        },
        (err: unknown) => {
          const error = err instanceof CsiError ? err : new CsiError(grpc.status.INTERNAL, `${name}: ${err instanceof Error ? err.message : String(err)}`);
          observe?.(name, call.request, Date.now() - started, error);
          callback({ code: error.code, details: error.message });
        },
      );
    };
  }
  return { definition, implementation };
}
