/** A file-name part: any run of characters but letters, digits, `.`, `-`, `_` becomes one `-`. */
function safePart(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * The stem of the files an explanation is written to, `<scan>_<task>_<class>_gradcam` — the
 * names `ct-fracture explain` writes (`.nii.gz`, `.png`, `.json`) and the viewer's heatmap
 * download — each part made safe for a file name.
 * @example
 * explanationFileStem('P001 left', 'gt_displacement', 'yes'); // 'P001-left_gt_displacement_yes_gradcam'
 */
export function explanationFileStem(scan: string, task: string, className: string): string {
  return [scan, task, className, 'gradcam'].map(safePart).join('_');
}
