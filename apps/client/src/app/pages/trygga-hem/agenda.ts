/**
 * The meeting's agenda as the group edits it before saving: an ordered list of case ids.
 * Pure functions, so reordering by keyboard buttons is the same as by any other means.
 */

/** Moves the entry at `index` one step up (-1) or down (+1); out of range changes nothing. */
export function moveItem<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** Appends `id` unless it is already on the agenda. */
export function addItem(list: readonly string[], id: string): string[] {
  return list.includes(id) ? [...list] : [...list, id];
}

/** Removes `id` from the agenda. */
export function removeItem(list: readonly string[], id: string): string[] {
  return list.filter((x) => x !== id);
}

/** Whether two agendas differ (order counts): the save button is offered only then. */
export function agendaChanged(a: readonly string[], b: readonly string[]): boolean {
  return a.length !== b.length || a.some((id, i) => id !== b[i]);
}

/**
 * Where focus goes after a move: the moved entry's button in the same direction when it can
 * still move that way, otherwise the opposite one (the button pressed may have disappeared).
 */
export function focusAfterMove(
  newIndex: number,
  length: number,
  step: -1 | 1,
): { index: number; direction: 'up' | 'down' } {
  const canContinue = step === -1 ? newIndex > 0 : newIndex < length - 1;
  const direction = step === -1 ? 'up' : 'down';
  const opposite = step === -1 ? 'down' : 'up';
  return { index: newIndex, direction: canContinue ? direction : opposite };
}
