import type { CheckpointMetadata } from '@ct-fracture/densenet3d';
import { element } from './dom';

function definitionList(entries: readonly (readonly [string, string])[]): HTMLDListElement {
  const list = element('dl');
  for (const [term, value] of entries)
    list.append(element('dt', { text: term }), element('dd', { text: value }));
  return list;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.join(' × ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A checkpoint's summary: its tasks and classes (with temperature and operating point where
 * calibrated), preprocessing, architecture and provenance.
 */
export function renderCheckpoint(metadata: CheckpointMetadata, source: string): HTMLElement {
  const root = element('div');
  root.append(element('p', { className: 'source', text: source }));
  const tasks = element('table', { className: 'tasks' });
  tasks.append(element('caption', { text: 'tasks' }));
  for (const task of metadata.labelSpec.tasks) {
    const row = element('tr', { attributes: { 'data-task': task.name } });
    const calibration = metadata.calibration?.[task.name];
    const point = metadata.operatingPoints?.[task.name];
    const notes = [
      calibration ? `T = ${calibration.temperature.toFixed(2)}` : '',
      point ? `threshold ${point.threshold.toFixed(3)} (${point.rule})` : '',
    ].filter(Boolean);
    row.append(
      element('th', { text: task.name }),
      element('td', { text: task.classes.join(', ') }),
      element('td', { className: 'note', text: notes.join('; ') }),
    );
    tasks.append(row);
  }
  const p = metadata.preprocessing;
  const body = metadata.model.body;
  root.append(
    tasks,
    element('h3', { text: 'preprocessing' }),
    definitionList([
      [
        'window',
        `${p.windowHu[0]} … ${p.windowHu[1]} HU → ${p.outputRange[0]} … ${p.outputRange[1]}`,
      ],
      ['size', p.size.join(' × ')],
      ['resize', p.resizeMode],
      ['reorient to RAS', p.reorientToRas ? 'yes' : 'no'],
      ['spacing', p.spacingMm === null ? 'as acquired' : `${p.spacingMm.join(' × ')} mm`],
    ]),
    element('h3', { text: 'model' }),
    definitionList([
      [
        'DenseNet',
        `init ${body.initFeatures}, growth ${body.growthRate}, blocks ${body.blockConfig.join('-')}`,
      ],
    ]),
    element('h3', { text: 'provenance' }),
    definitionList(
      Object.entries(metadata.provenance).map(([key, value]) => [key, describe(value)]),
    ),
  );
  return root;
}
