import { z } from 'zod';
import { int64, req } from '../fields';

/** A user and group identity (Dataset `owner`, runtime `runAs`); Fluid requires all four fields when it is set. */
export const User = z.strictObject({
  uid: req('Numeric user id.', int64()),
  gid: req('Numeric group id.', int64()),
  user: req('User name.', z.string()),
  group: req('Group name.', z.string()),
});
export type User = z.infer<typeof User>;
