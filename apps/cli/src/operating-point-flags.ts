import { type OperatingPointRule, parseOperatingPointRule } from '@ct-fracture/densenet3d';
import { UsageError } from './cli-error';

/** A task as the flag check needs it: name and kind. */
interface TaskKind {
  name: string;
  kind: 'binary' | 'multiclass';
}

/** Collects a repeatable flag's values (commander's `argParser`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * `--operating-point TASK=RULE` values → rules by task, checked against the checkpoint's or
 * configuration's tasks: a binary task, once, with a rule `youden`, `sensitivity:X`,
 * `specificity:X`, `threshold:X` or `X`.
 * @throws UsageError naming the flag value at fault (exit 2).
 */
export function operatingPointFlags(
  values: readonly string[],
  tasks: readonly TaskKind[],
  source = '--operating-point',
): Record<string, OperatingPointRule> {
  const rules: Record<string, OperatingPointRule> = {};
  const binary = tasks.filter((task) => task.kind === 'binary').map((task) => task.name);
  for (const value of values) {
    const equals = value.indexOf('=');
    if (equals < 1) {
      throw new UsageError(`${source} must be TASK=RULE, got '${value}'`);
    }
    const name = value.slice(0, equals).trim();
    const task = tasks.find((candidate) => candidate.name === name);
    if (task === undefined || task.kind !== 'binary') {
      throw new UsageError(
        `${source} needs a binary task (${binary.join(', ') || 'none'}), got '${name}'${task === undefined ? '' : ' (multiclass: it keeps the arg-max)'}`,
      );
    }
    if (Object.hasOwn(rules, name)) {
      throw new UsageError(`${source} names task '${name}' twice`);
    }
    try {
      rules[name] = parseOperatingPointRule(value.slice(equals + 1));
    } catch (error) {
      throw new UsageError(`${source} ${name}: ${(error as Error).message}`);
    }
  }
  return rules;
}
