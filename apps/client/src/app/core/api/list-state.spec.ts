import { HttpErrorResponse } from '@angular/common/http';
import { firstValueFrom, of, throwError } from 'rxjs';
import { failureKey, listStateOf, loadedPage } from './list-state';

describe('list state', () => {
  it('is the page a request got', async () => {
    const state = await firstValueFrom(listStateOf(of({ items: [1], total: 1 })));
    expect(state).toEqual({ kind: 'loaded', page: { items: [1], total: 1 } });
    expect(loadedPage(state)).toEqual({ items: [1], total: 1 });
    expect(failureKey(state)).toBeNull();
  });

  it('is the message for a failed request', async () => {
    const failure = new HttpErrorResponse({ status: 0 });
    const state = await firstValueFrom(listStateOf(throwError(() => failure)));
    expect(state).toEqual({ kind: 'error', key: 'error.network' });
    expect(loadedPage(state)).toBeNull();
    expect(failureKey(state)).toBe('error.network');
  });
});
