// Puts the project's images into a real node's containerd, without a registry: the OCI archive is streamed straight
// into `ctr images import`, into the `k8s.io` namespace the kubelet's CRI reads.
import { spawn } from 'node:child_process';
import { BuiltImage } from '../../images/image-definition';
import { writeOciArchive } from '../../images/oci-layout';

const IMPORT_DEADLINE_MS = 5 * 60_000;

export async function importImage(containerdSocket: string, image: BuiltImage, ctr = '/usr/bin/ctr'): Promise<void> {
  const child = spawn(ctr, ['--address', containerdSocket, '--namespace', 'k8s.io', 'images', 'import', '-'],
    { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), IMPORT_DEADLINE_MS);
  try {
    // A write after ctr died fails with EPIPE; its exit status and stderr say more, so wait for those.
    const written = writeOciArchive(child.stdin, image.names, image.layers, image.config).catch((err: Error) => err);
    const code = await exited;
    const writeError = await written;
    if (code !== 0) throw new Error(`ctr images import of ${image.reference} failed (exit ${code}): ${stderr.trim() || String(writeError)}`);
    if (writeError instanceof Error) throw writeError;
  } finally {
    clearTimeout(timer);
  }
}
