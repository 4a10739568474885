import type { StateDictEntry } from '../torch/infer-architecture';
import type { FixtureBundle } from './fixture-bundle';

/** The `weight.<key>` arrays of a fixture bundle as a state_dict (PyTorch layout). */
export function stateDictFromBundle(bundle: FixtureBundle): Map<string, StateDictEntry> {
  const stateDict = new Map<string, StateDictEntry>();
  for (const [name, array] of bundle.arrays) {
    if (name.startsWith('weight.')) stateDict.set(name.slice('weight.'.length), array);
  }
  return stateDict;
}

/** The head mappings a bundle records (`headKeys`), with the bundle config's classes. */
export function headMappings(bundle: FixtureBundle) {
  return bundle.config.heads.map((head) => ({
    task: head.task,
    moduleKey: bundle.headKeys[head.task]!,
    classes: head.classes,
  }));
}
