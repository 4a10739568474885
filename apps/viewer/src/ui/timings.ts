import { byTestId, element } from './dom';

/** How long each step took, shown in `[data-testid=timings]`. */
export class Timings {
  private readonly rows = new Map<string, number>();

  /** Runs `step`, records its wall time under `label` and shows the table. */
  async time<T>(label: string, step: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await step();
    } finally {
      this.rows.set(label, performance.now() - start);
      this.render();
    }
  }

  private render(): void {
    byTestId('timings-panel').hidden = false;
    const body = byTestId('timings').querySelector('tbody')!;
    body.replaceChildren(
      ...[...this.rows].map(([label, ms]) => {
        const row = element('tr', { attributes: { 'data-step': label, 'data-ms': ms.toFixed(1) } });
        row.append(
          element('th', { text: label }),
          element('td', {
            text: ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`,
          }),
        );
        return row;
      }),
    );
  }
}
