// DataBackup (api/v1alpha1/databackup_types.go): back up the metadata of a Dataset's cache.
import { z } from 'zod';
import { int32, opt } from './fields';
import { OperationRef } from './common/operation';
import { User } from './common/user';

export const DataBackupSpec = z.strictObject({
  dataset: opt('Name of the Dataset to back up.', z.string()),
  backupPath: opt('pvc://<claim>/<path> or local://<path>.', z.string()),
  runAs: opt('User and group the backup runs as.', User),
  runAfter: opt('Operation that must complete first.', OperationRef),
  ttlSecondsAfterFinished: opt('Delete the DataBackup this long after it finished.', int32()),
});
export type DataBackupSpec = z.infer<typeof DataBackupSpec>;
