import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseNet3dFromWeights } from '../model/create';
import { FIXTURES, maxAbsDiff, readBundle, readVolumeInput } from '../test-support/fixture-bundle';
import { headMappings } from '../test-support/state-dict-from-bundle';
import { importStateDict } from './import-state-dict';
import { readPth } from './read-pth';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function pth(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

describe('readPth (torch.save zip + restricted unpickler)', () => {
  it.each(['single-head', 'multi-head'])(
    '%s.pth: every tensor equals the fixture, logits agree to 1e-4',
    (name) => {
      const bundle = readBundle(name);
      const stateDict = readPth(pth(`${name}.pth`), `${name}.pth`);
      for (const [key, array] of bundle.arrays) {
        if (!key.startsWith('weight.')) continue;
        const tensor = stateDict.get(key.slice('weight.'.length))!;
        expect(tensor.shape).toEqual(array.shape);
        expect(Array.from(tensor.data as Float32Array)).toEqual(Array.from(array.data));
      }
      expect(
        stateDict.get(`${bundle.prefix ?? ''}features.norm0.num_batches_tracked`),
      ).toMatchObject({ dtype: 'int64', data: new BigInt64Array([3n]) });
      const imported = importStateDict(stateDict, headMappings(bundle));
      const model = denseNet3dFromWeights(imported.config, imported.weights);
      const x = tf.tensor5d(readVolumeInput(), [1, 20, 20, 20, 1]);
      const { logits } = model.forward(x);
      model.config.heads.forEach((head, index) => {
        expect(
          maxAbsDiff(logits[index]!.dataSync(), bundle.arrays.get(`logits.${head.task}`)!.data),
        ).toBeLessThan(1e-4);
      });
      tf.dispose([x, ...logits]);
      model.dispose();
    },
  );
});
