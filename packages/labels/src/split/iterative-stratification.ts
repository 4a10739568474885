import type { SeededRandom } from '@ct-fracture/core';

/**
 * Multi-label iterative stratification: assigns examples to folds so that every
 * label (for labels: every (task, class) pair) is spread over the folds in the
 * desired proportions, and every fold gets its share of examples.
 *
 * The order is that of Sechidis, Tsoumakas & Vlahavas (ECML PKDD 2011): examples
 * whose rarest label is rarest go first (seeded random order among equals), so
 * rare classes are placed while every fold still wants them. The fold choice
 * looks at all of an example's labels, not only the rarest: each fold scores
 * `Σ_λ open(fold, λ) / desired(fold, λ) + open(fold) / desired(fold)` — the open
 * share of its quota for each of the example's labels plus its open share of
 * examples — and the highest score wins (ties: seeded random). A fold that has
 * its quota of examples (`⌈ratio · n⌉`) takes no more while another has room, so
 * fold sizes are within one example of the target. On the default six tasks this
 * keeps every class within two or three rows of its share (tests), where choosing by
 * the rarest label alone (Sechidis' rule) drifted by five to ten.
 *
 * @param labelSets - per example, its label ids (non-negative integers; may be empty).
 * @param proportions - the desired share per fold (positive; normalised to sum 1).
 * @param random - the seeded generator (its shuffle orders equals, its draws break ties).
 * @returns the fold index of each example.
 * @example
 * iterativeStratification([[0], [0, 1], [1], []], [1, 1], new SeededRandom(1, 'mulberry32')); // e.g. Int32Array [0, 1, 0, 1]
 */
export function iterativeStratification(
  labelSets: readonly (readonly number[])[],
  proportions: readonly number[],
  random: SeededRandom,
): Int32Array {
  const folds = proportions.length;
  const sum = proportions.reduce((total, part) => total + part, 0);
  const ratios = proportions.map((part) => part / sum);
  const n = labelSets.length;
  const sets = labelSets.map((set) => [...new Set(set)]);
  const labelCount = new Map<number, number>();
  for (const set of sets) {
    for (const label of set) labelCount.set(label, (labelCount.get(label) ?? 0) + 1);
  }
  const openLabel = ratios.map((ratio) => {
    const open = new Map<number, number>();
    for (const [label, count] of labelCount) open.set(label, ratio * count);
    return open;
  });
  const openExamples = ratios.map((ratio) => ratio * n);
  const rarest = (set: readonly number[]) =>
    set.reduce((least, label) => Math.min(least, labelCount.get(label)!), Number.POSITIVE_INFINITY);
  const order = random
    .shuffle(sets.map((_set, index) => index))
    .map((index) => ({ index, rarest: rarest(sets[index]!) }))
    .sort((a, b) => a.rarest - b.rarest)
    .map((entry) => entry.index);

  const assignment = new Int32Array(n);
  for (const example of order) {
    const set = sets[example]!;
    const hasRoom = openExamples.some((open) => open > 0);
    let best = Number.NEGATIVE_INFINITY;
    let winners: number[] = [];
    for (let fold = 0; fold < folds; fold += 1) {
      if (hasRoom && openExamples[fold]! <= 0) continue;
      let score = openExamples[fold]! / (ratios[fold]! * n);
      for (const label of set) {
        score += openLabel[fold]!.get(label)! / (ratios[fold]! * labelCount.get(label)!);
      }
      if (score > best + 1e-9) {
        best = score;
        winners = [fold];
      } else if (Math.abs(score - best) <= 1e-9) {
        winners.push(fold);
      }
    }
    const chosen = winners.length === 1 ? winners[0]! : winners[random.integer(winners.length)]!;
    assignment[example] = chosen;
    openExamples[chosen]! -= 1;
    for (const label of set) openLabel[chosen]!.set(label, openLabel[chosen]!.get(label)! - 1);
  }
  return assignment;
}
