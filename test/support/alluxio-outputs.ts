// What an Alluxio master prints for the commands the cache sync runs, in the formats of Fluid's own test data
// (pkg/ddc/alluxio/mock_utils.go), with the figures a test chooses. Shared by the sync's unit test and the KWOK e2e.

/** `alluxio fsadmin report summary` with one memory tier. */
export function alluxioSummary(used: string, total: string, free = '0B'): string {
  return `Alluxio cluster summary:
    Master Address: 10.0.0.5:20000
    Live Workers: 1
    Lost Workers: 0
    Total Capacity: ${total}
        Tier: MEM  Size: ${total}
    Used Capacity: ${used}
        Tier: MEM  Size: ${used}
    Free Capacity: ${free}`;
}

/** `alluxio fsadmin report metrics`: bytes read locally and from the UFS, no throughput, `files` completed. */
export function alluxioMetrics(local: string, ufs: string, files: number): string {
  return `Cluster.BytesReadLocal  (Type: COUNTER, Value: ${local})
    Cluster.BytesReadLocalThroughput  (Type: GAUGE, Value: 0B/MIN)
    Cluster.BytesReadRemote  (Type: COUNTER, Value: 0B)
    Cluster.BytesReadRemoteThroughput  (Type: GAUGE, Value: 0B/MIN)
    Cluster.BytesReadUfsAll  (Type: COUNTER, Value: ${ufs})
    Cluster.BytesReadUfsThroughput  (Type: GAUGE, Value: 0B/MIN)
    Master.FilesCompleted  (Type: COUNTER, Value: ${files})`;
}

/** `alluxio fs count /`. */
export function alluxioCount(files: number, folders: number, bytes: number): string {
  return `File Count               Folder Count             Folder Size\n${files}                     ${folders}                        ${bytes}\n`;
}
