// V8's heap settings for the operator process, from its container's memory limit. Left to itself, V8 sizes the heap
// from the machine's memory: its young generation grows to 16 MiB per semi-space (48 MiB of RSS) and its old
// generation is let grow to about four times what survives a collection before the next full one, so a burst of
// work (a thousand runtimes at once) took the RSS to 490 MiB while about 140 MiB was in use. A heap limit
// below the container's makes V8 collect sooner and grow in smaller steps; a small young generation costs a few more
// scavenges (bench/scale.ts: about 10 % more CPU at 1000 pairs) for a much lower peak.
import { parseQuantity, quantityValue } from '../quantity';

/** Semi-space of the young generation, MiB: the reconcile garbage dies young in 1-2 MiB as well as in 16. */
export const OPERATOR_SEMI_SPACE_MIB = 2;
/**
 * The old generation's share of the limit. The other half is for what is not heap: code, the young generation,
 * sockets and TLS, Node itself (about 110 MiB at 1000 Thin pairs, when the heap held 143 MiB).
 */
export const OPERATOR_OLD_SPACE_SHARE = 0.5;
/** The old generation never gets less than this, whatever the limit: what the operator holds when idle, with room. */
export const OPERATOR_MIN_OLD_SPACE_MIB = 128;

const MIB = 1024n * 1024n;

/**
 * Node options for the operator in a container limited to `memoryLimit` (a quantity, "512Mi"): the old generation
 * sized to half the limit, so V8 grows the heap in small steps and collects harder as it nears the limit instead of
 * the container being killed, and a small young generation. Without a limit (or with one that is no quantity, which the
 * Deployment refuses with its own message) only the young generation is set.
 */
export function operatorNodeOptions(memoryLimit: string | undefined): string {
  const options = [`--max-semi-space-size=${OPERATOR_SEMI_SPACE_MIB}`];
  const limit = memoryLimit === undefined ? undefined : parseQuantity(memoryLimit);
  if (limit) {
    const limitMiB = Number(quantityValue(limit) / MIB);
    options.push(`--max-old-space-size=${Math.max(OPERATOR_MIN_OLD_SPACE_MIB, Math.floor(limitMiB * OPERATOR_OLD_SPACE_SHARE))}`);
  }
  return options.join(' ');
}
