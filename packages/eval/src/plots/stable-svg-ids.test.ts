import { describe, expect, it } from 'vitest';
import { stableSvgIds } from './stable-svg-ids';

describe('stableSvgIds', () => {
  it.each([
    {
      name: 'gradients and their references, in order of appearance',
      svg: '<linearGradient id="gradient_24"/><linearGradient id="gradient_9"/><rect fill="url(#gradient_9)"/><rect fill="url(#gradient_24)"/>',
      stable:
        '<linearGradient id="gradient_1"/><linearGradient id="gradient_2"/><rect fill="url(#gradient_2)"/><rect fill="url(#gradient_1)"/>',
    },
    {
      name: 'clip paths by their own counter',
      svg: '<clipPath id="clip7"/><g clip-path="url(#clip7)"/><linearGradient id="gradient_3"/>',
      stable: '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><linearGradient id="gradient_1"/>',
    },
    {
      name: 'text that only looks like an id',
      svg: '<text>gradient_5 clip3</text>',
      stable: '<text>gradient_5 clip3</text>',
    },
  ])('$name', ({ svg, stable }) => {
    expect(stableSvgIds(svg)).toBe(stable);
  });
});
