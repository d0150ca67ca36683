import { z } from 'zod';
import { int32, opt, withDefault } from '../fields';

/** How the cache is cleaned when the runtime shuts down. */
export const CleanCachePolicy = z.strictObject({
  gracePeriodSeconds: withDefault('Seconds the cache may take to clean gracefully.', int32(), 60),
  maxRetryAttempts: withDefault('Attempts to clean the cache before giving up.', int32(), 3),
});

export const MetadataSyncPolicy = z.strictObject({
  autoSync: opt('Sync metadata automatically when the runtime is set up; unset means true.', z.boolean()),
});

export const RuntimeManagement = z.strictObject({
  cleanCachePolicy: opt('Cache clean-up on shutdown.', CleanCachePolicy),
  metadataSyncPolicy: opt('Metadata sync on setup.', MetadataSyncPolicy),
});
export type RuntimeManagement = z.infer<typeof RuntimeManagement>;
