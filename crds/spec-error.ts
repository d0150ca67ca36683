// A problem with what a user wrote: names the object and the field. Becomes a status condition and an Event in the
// operator, a non-zero exit in the CLI. It is never retried: only a new spec can fix it.
import { FieldError } from './field-error';
import { describeRef, formatErrors, ObjectRef } from './validate';

export class SpecError extends Error {
  constructor(
    readonly ref: ObjectRef,
    readonly errors: readonly FieldError[],
  ) {
    super(formatErrors(ref, errors).join('\n'));
    this.name = 'SpecError';
  }

  /** One field of one object. */
  static of(ref: ObjectRef, path: string, message: string): SpecError {
    return new SpecError(ref, [{ path, message }]);
  }

  /** Object name only, for summaries. */
  get objectName(): string {
    return describeRef(this.ref);
  }
}
