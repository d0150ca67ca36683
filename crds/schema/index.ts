// `fluid-cdk8s/schemas`: Fluid's API as zod schemas (one per kind, each field documented), the kinds' CRD facts, and
// the validation `validate`, `synth` and the operator share.
export * from './kinds';
export * from './fields';
export { AlluxioRuntimeSpec } from './alluxio-runtime';
export { CacheRuntimeClassFields } from './cache-runtime-class';
export { CacheRuntimeSpec, CacheRuntimeStatus } from './cache-runtime';
export { DataBackupSpec } from './data-backup';
export { DataLoadSpec } from './data-load';
export { DataMigrateSpec } from './data-migrate';
export { DataProcessSpec } from './data-process';
export { DatasetSpec, DatasetStatus } from './dataset';
export { EFCRuntimeSpec } from './efc-runtime';
export { JindoRuntimeSpec } from './jindo-runtime';
export { JuiceFSRuntimeSpec } from './juicefs-runtime';
export { ThinRuntimeSpec } from './thin-runtime';
export { ThinRuntimeProfileSpec, ThinRuntimeProfileStatus } from './thin-runtime-profile';
export { VineyardRuntimeSpec } from './vineyard-runtime';
export { validateObject, objectRefOf, describeRef, ObjectRef, Validation } from '../validate';
export { SpecError } from '../spec-error';
export { FieldError } from '../field-error';
