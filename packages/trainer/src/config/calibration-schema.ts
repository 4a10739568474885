import { formatOperatingPointRule, parseOperatingPointRule } from '@ct-fracture/densenet3d';
import { z } from 'zod';

/** An operating-point rule's text, checked and put in canonical form (`@ct-fracture/densenet3d`). */
const ruleSchema = z.string().transform((text, context) => {
  try {
    return formatOperatingPointRule(parseOperatingPointRule(text));
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message, input: text });
    return z.NEVER;
  }
});

/**
 * What is fitted on the validation split after training and stored in the reported checkpoint
 * (`checkpoints/best`, else `last`): temperatures and binary operating points (issue 21).
 */
export const calibrationSchema = z
  .strictObject({
    temperature: z
      .boolean()
      .default(true)
      .describe(
        'Fit one temperature per task on the validation split (temperature scaling: minimal ' +
          'NLL of softmax/sigmoid(logits / T)); predict, validate and explain apply it. ' +
          'Decisions (arg-max, thresholds) are unchanged; false keeps the raw probabilities.',
      ),
    operatingPoints: z
      .record(z.string(), ruleSchema)
      .default({})
      .describe(
        'Binary task → rule choosing its decision threshold on the validation split: ' +
          "'youden', 'sensitivity:X' (best specificity with sensitivity ≥ X), 'specificity:X', " +
          "or 'threshold:X'. Other tasks keep p ≥ 0.5 / arg-max.",
      ),
  })
  .describe('Calibration and operating points, fitted on the validation split after training.');
