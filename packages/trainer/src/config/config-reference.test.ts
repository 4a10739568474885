import { describe, expect, it } from 'vitest';
import { configFields, configReferenceMarkdown } from './config-reference';

describe('config reference', () => {
  const fields = configFields();

  it('documents every field', () => {
    expect(fields.length).toBeGreaterThan(60);
    const undocumented = fields.filter((field) => field.description.trim() === '');
    expect(undocumented.map((field) => field.path)).toEqual([]);
  });

  it.each([
    ['optimizer.lr', '0.0005'],
    ['training.batchSize', '4'],
    ['preprocessing.windowHu', '[-500,1300]'],
    ['augmentation.rotation.probability', 'preset (original: 0.5)'],
    ['augmentation.rotation.rangeDeg', 'preset (original: [343.77,343.77,343.77])'],
  ])('%s defaults to %s', (path, expected) => {
    expect(fields.find((field) => field.path === path)?.defaultValue).toBe(expected);
  });

  it('renders one Markdown table per section', () => {
    const markdown = configReferenceMarkdown();
    for (const section of ['data', 'preprocessing', 'augmentation', 'model', 'loss', 'optimizer']) {
      expect(markdown).toContain(`### \`${section}\``);
    }
    expect(markdown).toContain('| `loss.gamma` | number ≥ 0 | `2` |');
  });
});
