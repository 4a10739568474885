import type { Volume } from '@ct-fracture/nifti-io';
import { encodeNifti } from '@ct-fracture/nifti-io';
import { Niivue, NVImage, SHOW_RENDER } from '@niivue/niivue';
import { WINDOW_PRESETS, type WindowPreset } from './window-presets';

/**
 * The overlay's colour map and the heatmap value under which it is transparent: half the
 * maximum (heatmaps are scaled to a maximum of 1), so the scan stays visible around the
 * strongest evidence; a coarse last-block Grad-CAM is above 0.2 almost everywhere.
 */
const HEATMAP_COLORMAP = 'warm';
const HEATMAP_FLOOR = 0.5;

async function niftiImage(
  volume: Volume,
  name: string,
  options: { colormap: string; opacity: number; calMin: number; calMax: number },
): Promise<NVImage> {
  const bytes = await encodeNifti(volume, { datatype: 'float32' });
  return NVImage.loadFromUrl({
    url: name,
    name,
    buffer: bytes.buffer as ArrayBuffer,
    colormap: options.colormap,
    opacity: options.opacity,
    cal_min: options.calMin,
    cal_max: options.calMax,
    trustCalMinMax: true,
  });
}

/**
 * The scan and its Grad-CAM in NiiVue: axial, coronal and sagittal planes with a 3D render, the
 * heatmap as an overlay (warm colours, transparent below 20 % of its maximum). Both volumes are handed
 * to NiiVue as NIfTI made from the arrays the model saw, so they share the scan's affine exactly.
 */
export class ScanDisplay {
  private readonly niivue: Niivue;
  private scan: NVImage | undefined;
  private heatmap: NVImage | undefined;
  private opacity = 0.6;
  private window: WindowPreset = 'bone';

  private constructor(niivue: Niivue) {
    this.niivue = niivue;
  }

  /** Attaches NiiVue to the canvas (needs WebGL2). */
  static async attach(canvas: HTMLCanvasElement): Promise<ScanDisplay> {
    const niivue = new Niivue({
      backColor: [0.06, 0.07, 0.09, 1],
      crosshairColor: [0.2, 0.9, 1, 1],
      crosshairWidth: 0.5,
      show3Dcrosshair: true,
      multiplanarShowRender: SHOW_RENDER.ALWAYS,
      isColorbar: true,
      dragAndDropEnabled: false,
      logLevel: 'error',
    });
    await niivue.attachToCanvas(canvas);
    niivue.setSliceType(niivue.sliceTypeMultiplanar);
    return new ScanDisplay(niivue);
  }

  /** Shows a scan (replacing any scan and overlay) in the current window. */
  async showScan(volume: Volume, name: string): Promise<void> {
    for (const image of [this.heatmap, this.scan]) if (image) this.niivue.removeVolume(image);
    this.heatmap = undefined;
    const [lo, hi] = WINDOW_PRESETS[this.window];
    this.scan = await niftiImage(volume, `${name}.nii`, {
      colormap: 'gray',
      opacity: 1,
      calMin: lo,
      calMax: hi,
    });
    this.niivue.addVolume(this.scan);
  }

  /** Overlays a heatmap (the scan's grid, values in [0, 1]) and returns NiiVue's crosshair there. */
  async showHeatmap(heatmap: Volume, maximumMm: readonly number[]): Promise<number[]> {
    if (this.heatmap) this.niivue.removeVolume(this.heatmap);
    this.heatmap = await niftiImage(heatmap, 'gradcam.nii', {
      colormap: HEATMAP_COLORMAP,
      opacity: this.opacity,
      calMin: HEATMAP_FLOOR,
      calMax: 1,
    });
    this.niivue.addVolume(this.heatmap);
    return this.moveCrosshair(maximumMm);
  }

  /** Puts the crosshair on a world position (RAS mm); returns where NiiVue put it (mm). */
  moveCrosshair(worldMm: readonly number[]): number[] {
    const [x = 0, y = 0, z = 0] = worldMm;
    this.niivue.scene.crosshairPos = this.niivue.mm2frac([x, y, z]);
    this.niivue.drawScene();
    return Array.from(this.niivue.frac2mm(this.niivue.scene.crosshairPos)).slice(0, 3);
  }

  /** The overlay's opacity, 0‥1. */
  setOpacity(opacity: number): void {
    this.opacity = opacity;
    if (this.heatmap) this.niivue.setOpacity(this.niivue.volumes.indexOf(this.heatmap), opacity);
  }

  /** Applies a CT window preset to the scan. */
  setWindow(preset: WindowPreset): void {
    this.window = preset;
    if (!this.scan) return;
    [this.scan.cal_min, this.scan.cal_max] = WINDOW_PRESETS[preset];
    this.niivue.updateGLVolume();
  }
}
