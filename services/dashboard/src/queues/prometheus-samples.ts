// The few lines of the Prometheus text exposition the queues page needs: samples of the named
// metrics with their `queue` label. Other lines (comments, other metrics) are skipped.
const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export interface QueueSampleValue {
  metric: string;
  queue: string;
  value: number;
}

export function queueSamples(text: string, metrics: ReadonlySet<string>): QueueSampleValue[] {
  const found: QueueSampleValue[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = sampleLine.exec(line);
    const metric = match?.[1];
    if (match === null || metric === undefined || !metrics.has(metric)) continue;
    let queue: string | undefined;
    for (const [, label, value = ''] of (match[2] ?? '').matchAll(labelPair)) {
      if (label === 'queue') queue = unescapeLabel(value);
    }
    const value = Number(match[3]);
    if (queue !== undefined && Number.isFinite(value)) found.push({ metric, queue, value });
  }
  return found;
}

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_escape, character: string) => (character === 'n' ? '\n' : character));
}
