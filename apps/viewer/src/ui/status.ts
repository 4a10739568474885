import { byTestId } from './dom';

/** The page's states (DESIGN.md's DOM contract: `[data-testid=status]` `data-state`). */
export type ViewerState = 'idle' | 'loading' | 'running' | 'ready' | 'error';

/** Shows a state and a message in `[data-testid=status]`. */
export function showStatus(state: ViewerState, message: string): void {
  const status = byTestId('status');
  status.dataset.state = state;
  byTestId('status-text').textContent = message;
  const progress = byTestId<HTMLProgressElement>('progress');
  progress.hidden = state !== 'loading' && state !== 'running';
}

/** Shows progress through `done` of `total` steps. */
export function showProgress(done: number, total: number): void {
  const progress = byTestId<HTMLProgressElement>('progress');
  progress.max = total;
  progress.value = done;
}
