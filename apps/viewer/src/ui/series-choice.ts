import type { DicomSeriesSummary } from '@ct-fracture/dicom-io';
import { byTestId, fillSelect } from './dom';

/**
 * Lists the series of a DICOM folder in `[data-testid=series-select]` and calls `choose` with
 * the SeriesInstanceUID picked there.
 */
export function offerSeries(
  name: string,
  series: readonly DicomSeriesSummary[],
  choose: (seriesInstanceUid: string) => void,
): void {
  const select = byTestId<HTMLSelectElement>('series-select');
  fillSelect(select, [
    ['', `${name}: ${series.length} series — choose one`],
    ...series.map(
      (entry) =>
        [
          entry.seriesInstanceUid,
          `${entry.description ?? '(no description)'} — ${entry.slices} slices`,
        ] as const,
    ),
  ]);
  byTestId('series-choice').hidden = false;
  select.onchange = () => {
    if (select.value === '') return;
    byTestId('series-choice').hidden = true;
    choose(select.value);
  };
}
