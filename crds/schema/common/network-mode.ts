import { z } from 'zod';

/** Pod network of a component; "" means HostNetwork, Fluid's default. */
export const NetworkMode = z.enum(['HostNetwork', '', 'ContainerNetwork']);
export type NetworkMode = z.infer<typeof NetworkMode>;
