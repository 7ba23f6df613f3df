/**
 * The bottleneck map as the prompt draws it:
 *
 *   [Client] --100ms-→ [CDN] --5ms-→ [LB] --2ms-→ [API] --150ms-→ [DB]
 *                                                   │         ↑
 *                                                   │    BOTTLENECK
 *                                                   └──50ms──→ [Cache] (miss 40%)
 */
export interface MapHop {
  from: string;
  to: string;
  /** Already formatted, e.g. "150ms". */
  latency: string;
  bottleneck: boolean;
}

export interface MapSide {
  /** Node of the chain the side path leaves from. */
  from: string;
  to: string;
  latency: string;
  /** Already formatted, e.g. "miss 40%". */
  note?: string;
}

function put(line: string[], col: number, text: string): void {
  while (line.length < col + text.length) line.push(' ');
  [...text].forEach((ch, k) => (line[col + k] = ch));
}

export function renderBottleneckMap(hops: readonly MapHop[], side?: MapSide): string {
  let chain = `[${hops[0]!.from}]`;
  /** Column of each node's closing bracket: where a side path leaves from. */
  const nodeEnd = new Map<string, number>([[hops[0]!.from, chain.length - 1]]);
  let arrowTip = 0;
  for (const hop of hops) {
    const arrow = ` --${hop.latency}-→ `;
    if (hop.bottleneck) arrowTip = chain.length + arrow.length - 2;
    chain += arrow + `[${hop.to}]`;
    nodeEnd.set(hop.to, chain.length - 1);
  }
  const sideCol = side ? (nodeEnd.get(side.from) ?? 0) : -1;
  const label = 'BOTTLENECK';
  const l2: string[] = [];
  const l3: string[] = [];
  if (side) {
    put(l2, sideCol, '│');
    put(l3, sideCol, '│');
  }
  put(l2, arrowTip, '↑');
  put(l3, Math.max(0, arrowTip - Math.floor(label.length / 2)), label);
  const lines = [chain, l2.join('').trimEnd(), l3.join('').trimEnd()];
  if (side) {
    const l4: string[] = [];
    put(l4, sideCol, `└──${side.latency}──→ [${side.to}]${side.note ? ` (${side.note})` : ''}`);
    lines.push(l4.join('').trimEnd());
  }
  return lines.join('\n');
}
