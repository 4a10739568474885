import type { RandomSource } from './seeded-random';
import { shuffled } from './seeded-random';

/** Picks uniformly among the indices whose score is maximal (within 1e-9). */
function argmaxRandomTie(
  candidates: readonly number[],
  score: (index: number) => number,
): number[] {
  let best = Number.NEGATIVE_INFINITY;
  let winners: number[] = [];
  for (const candidate of candidates) {
    const value = score(candidate);
    if (value > best + 1e-9) {
      best = value;
      winners = [candidate];
    } else if (Math.abs(value - best) <= 1e-9) {
      winners.push(candidate);
    }
  }
  return winners;
}

function pick(winners: readonly number[], random: RandomSource): number {
  return winners.length === 1 ? winners[0]! : winners[Math.floor(random() * winners.length)]!;
}

/**
 * Iterative stratification (Sechidis, Tsoumakas & Vlahavas, ECML PKDD 2011):
 * assigns multi-label examples to folds so that every label is spread over the
 * folds in the desired proportions. The rarest remaining label is distributed
 * first; each of its examples goes to the fold that most wants that label (ties:
 * the fold that wants the most examples, then seeded random). Examples without
 * labels fill the folds that want the most examples.
 *
 * @param labelSets - per example, its label ids (any non-negative integers).
 * @param proportions - the desired fraction per fold (positive; normalised).
 * @param random - the seeded random source.
 * @returns the fold index of each example.
 */
export function iterativeStratification(
  labelSets: readonly (readonly number[])[],
  proportions: readonly number[],
  random: RandomSource,
): Int32Array {
  const total = proportions.reduce((sum, part) => sum + part, 0);
  const ratios = proportions.map((part) => part / total);
  const folds = ratios.map((_ratio, index) => index);
  const order = shuffled(
    labelSets.map((_set, index) => index),
    random,
  );
  const examplesOf = new Map<number, number[]>();
  for (const example of order) {
    for (const label of new Set(labelSets[example])) {
      let list = examplesOf.get(label);
      if (list === undefined) {
        list = [];
        examplesOf.set(label, list);
      }
      list.push(example);
    }
  }
  const wantedExamples = ratios.map((ratio) => ratio * labelSets.length);
  const wantedLabel = new Map<number, number[]>();
  const remaining = new Map<number, number>();
  for (const [label, examples] of examplesOf) {
    wantedLabel.set(
      label,
      ratios.map((ratio) => ratio * examples.length),
    );
    remaining.set(label, examples.length);
  }
  const assignment = new Int32Array(labelSets.length).fill(-1);
  const assign = (example: number, fold: number) => {
    assignment[example] = fold;
    wantedExamples[fold]! -= 1;
    for (const label of new Set(labelSets[example])) {
      wantedLabel.get(label)![fold]! -= 1;
      remaining.set(label, remaining.get(label)! - 1);
    }
  };
  const labels = [...examplesOf.keys()].sort((a, b) => a - b);
  for (;;) {
    const open = labels.filter((label) => remaining.get(label)! > 0);
    if (open.length === 0) break;
    const rarest = pick(
      argmaxRandomTie(open, (label) => -remaining.get(label)!),
      random,
    );
    const wanted = wantedLabel.get(rarest)!;
    for (const example of examplesOf.get(rarest)!) {
      if (assignment[example]! >= 0) continue;
      const byLabel = argmaxRandomTie(folds, (fold) => wanted[fold]!);
      const byTotal = argmaxRandomTie(byLabel, (fold) => wantedExamples[fold]!);
      assign(example, pick(byTotal, random));
    }
  }
  for (const example of order) {
    if (assignment[example]! >= 0) continue;
    assign(
      example,
      pick(
        argmaxRandomTie(folds, (fold) => wantedExamples[fold]!),
        random,
      ),
    );
  }
  return assignment;
}
