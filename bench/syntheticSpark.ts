/** A random full binary tree with `leaves` leaves as a Spark debug string (seeded, so every run draws the same tree). */
export function syntheticSparkTree(leaves: number, seed: number): string {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const lines: string[] = [];
  let maxDepth = 0;
  const build = (count: number, depth: number) => {
    const indent = ' '.repeat(depth + 2);
    maxDepth = Math.max(maxDepth, depth);
    if (count === 1) {
      lines.push(`${indent}Predict: ${random() < 0.5 ? '0.0' : '1.0'}`);
      return;
    }
    const left = Math.max(1, Math.min(count - 1, Math.round(count * (0.25 + 0.5 * random()))));
    const feature = Math.floor(random() * 60);
    const threshold = (Math.round(random() * 20000) / 100 - 100).toString();
    lines.push(`${indent}If (feature ${feature} <= ${threshold})`);
    build(left, depth + 1);
    lines.push(`${indent}Else (feature ${feature} > ${threshold})`);
    build(count - left, depth + 1);
  };
  build(leaves, 0);
  const header = `DecisionTreeClassificationModel: uid=bench_synthetic, depth=${maxDepth}, numNodes=${2 * leaves - 1}, numClasses=2, numFeatures=60`;
  return `${header}\n${lines.join('\n')}\n`;
}
