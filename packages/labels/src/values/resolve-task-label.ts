import { quoteValue } from '@ct-fracture/core';
import type { CompiledLabelSpec, CompiledMarkerRule, CompiledTask } from './compile-label-spec';
import { valueWords } from './normalise-label-value';

/** Reads a cell of the current row by column key; `undefined` when the CSV has no such column. */
export type CellReader = (columnKey: string) => string | undefined;

/** A problem found while resolving one task of one row (located by the caller). */
export interface ResolveProblem {
  readonly code: 'unknown-value' | 'conflicting-labels';
  readonly message: string;
  /** The column key at fault. */
  readonly column: string;
  readonly value: string;
}

/** The class index of a task for a row (-1 = missing) and the problem, if any. */
export interface ResolvedLabel {
  readonly classIndex: number;
  readonly problem?: ResolveProblem;
}

type MarkerMatch = 'present' | 'negated' | 'none';

function startsAt(words: readonly string[], phrase: readonly string[], at: number): boolean {
  for (let offset = 0; offset < phrase.length; offset += 1) {
    if (words[at + offset] !== phrase[offset]) return false;
  }
  return true;
}

function findMarker(words: readonly string[], rule: CompiledMarkerRule): MarkerMatch {
  let negated = false;
  for (const phrase of rule.phrases) {
    for (let at = 0; at + phrase.length <= words.length; at += 1) {
      if (!startsAt(words, phrase, at)) continue;
      const before = at > 0 ? words[at - 1]! : '';
      if (rule.negations.has(before)) negated = true;
      else return 'present';
    }
  }
  return negated ? 'negated' : 'none';
}

/** Removes every ignored phrase (whole words) from `words`. */
function stripIgnored(words: readonly string[], ignore: readonly (readonly string[])[]): string[] {
  let kept = [...words];
  for (const phrase of ignore) {
    const next: string[] = [];
    for (let at = 0; at < kept.length; ) {
      if (startsAt(kept, phrase, at)) at += phrase.length;
      else {
        next.push(kept[at]!);
        at += 1;
      }
    }
    kept = next;
  }
  return kept;
}

function allowedText(task: CompiledTask): string {
  return task.spec.classes.join(', ');
}

/**
 * Looks a single normalised value up in a task's spellings (class names and
 * aliases, then again with the ignored words removed).
 * @returns the class index, -1 when nothing is left after removing ignored words
 *   (missing), or `undefined` when the value is unknown.
 */
export function lookUpSpelling(task: CompiledTask, key: string): number | undefined {
  const direct = task.spellings.get(key);
  if (direct !== undefined) return direct;
  if (task.ignore.length === 0) return undefined;
  const kept = stripIgnored(valueWords(key), task.ignore);
  if (kept.length === 0) return -1;
  return task.spellings.get(kept.join(' '));
}

/**
 * A value written as a class plus an explanation — "substantial (5-25%)",
 * "≥25% overlap = none" — read part by part: the parts outside and inside
 * brackets and on each side of `=`. Every part must be a known spelling, and all
 * must name the same class.
 * @returns the class index, or `undefined` when a part is unknown or parts disagree.
 */
function lookUpParts(
  task: CompiledTask,
  raw: string,
  keyOf: (raw: string) => string,
): number | undefined {
  if (!/[()=[\]]/.test(raw)) return undefined;
  const inside = [...raw.matchAll(/[([]([^()[\]]*)[)\]]/g)].map((match) => match[1]!);
  const outside = raw.replace(/[([][^()[\]]*[)\]]/g, ' ');
  const parts = [...outside.split('='), ...inside.flatMap((part) => part.split('='))];
  const known = new Set<number>();
  for (const part of parts) {
    const key = keyOf(part);
    if (key === '') continue;
    const index = lookUpSpelling(task, key);
    if (index === undefined) return undefined;
    if (index >= 0) known.add(index);
  }
  return known.size === 1 ? [...known][0] : undefined;
}

/**
 * Resolves one task of one row: own-column markers, then the value's spelling,
 * then derivations from other columns (see `MarkerRule`).
 *
 * @param compiled - the compiled specification.
 * @param task - the task.
 * @param cell - reads the row's raw cells by column key.
 * @param keyOf - normalises a raw cell (`normaliseLabelValue`, possibly cached).
 */
export function resolveTaskLabel(
  compiled: CompiledLabelSpec,
  task: CompiledTask,
  cell: CellReader,
  keyOf: (raw: string) => string,
): ResolvedLabel {
  const own = cell(task.column);
  const ownKey = own === undefined ? undefined : keyOf(own);
  const ownMissing = ownKey === undefined || compiled.missing.has(ownKey);
  let classIndex = -1;
  if (!ownMissing) {
    const words = valueWords(ownKey);
    for (const rule of task.ownMarkers) {
      const match = findMarker(words, rule);
      if (match === 'present') classIndex = rule.classIndex;
      else if (match === 'negated') classIndex = rule.otherwiseIndex;
      if (classIndex >= 0) break;
    }
    if (classIndex < 0) {
      const found = lookUpSpelling(task, ownKey) ?? lookUpParts(task, own!, keyOf);
      if (found === undefined) {
        return {
          classIndex: -1,
          problem: {
            code: 'unknown-value',
            column: task.column,
            value: own!,
            message: `task ${task.spec.name} must be one of ${allowedText(task)} (or an alias in the label specification; an empty cell, NA, N/A, - or ? means missing), got ${quoteValue(own!)}`,
          },
        };
      }
      classIndex = found;
    }
  }
  for (const rule of task.derivedMarkers) {
    const source = cell(rule.column);
    if (source === undefined) continue;
    const sourceKey = keyOf(source);
    if (compiled.missing.has(sourceKey)) continue;
    const match = findMarker(valueWords(sourceKey), rule);
    const derived =
      match === 'present'
        ? rule.classIndex
        : match === 'negated' || own === undefined
          ? rule.otherwiseIndex
          : -1;
    if (derived < 0) continue;
    if (classIndex >= 0 && classIndex !== derived) {
      return {
        classIndex: -1,
        problem: {
          code: 'conflicting-labels',
          column: task.column,
          value: own!,
          message: `task ${task.spec.name} must agree with column ${rule.column} (${quoteValue(source)} means ${task.spec.classes[derived]}), got ${quoteValue(own!)} (${task.spec.classes[classIndex]})`,
        },
      };
    }
    classIndex = derived;
    break;
  }
  return { classIndex };
}
