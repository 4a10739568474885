import { describe, expect, it } from 'vitest';
import { explanationFileStem } from './explanation-file-stem';

describe('explanationFileStem', () => {
  it.each([
    ['case7', 'gt_displacement', 'yes', 'case7_gt_displacement_yes_gradcam'],
    ['P001 left', 'articular', 'no', 'P001-left_articular_no_gradcam'],
    ['../up', 'task/x', 'a b\tc', '..-up_task-x_a-b-c_gradcam'],
    ['scan.v2-1', 'neer', 'II', 'scan.v2-1_neer_II_gradcam'],
    ['Ä€', 't', 'c', '-_t_c_gradcam'],
  ])('%j, %j, %j → %j', (scan, task, className, stem) => {
    expect(explanationFileStem(scan, task, className)).toBe(stem);
  });
});
