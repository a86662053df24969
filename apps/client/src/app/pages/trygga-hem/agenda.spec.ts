import { addItem, agendaChanged, focusAfterMove, moveItem, removeItem } from './agenda';

describe('agenda editing', () => {
  const agenda = ['a', 'b', 'c'];

  it('moves an entry up and down by one', () => {
    expect(moveItem(agenda, 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(agenda, 1, 1)).toEqual(['a', 'c', 'b']);
    expect(agenda).toEqual(['a', 'b', 'c']);
  });

  it('leaves the order alone when the move would leave the list', () => {
    expect(moveItem(agenda, 0, -1)).toEqual(agenda);
    expect(moveItem(agenda, 2, 1)).toEqual(agenda);
    expect(moveItem(agenda, 5, -1)).toEqual(agenda);
  });

  it('adds a case once and removes it', () => {
    expect(addItem(agenda, 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(addItem(agenda, 'b')).toEqual(agenda);
    expect(removeItem(agenda, 'b')).toEqual(['a', 'c']);
    expect(removeItem(agenda, 'x')).toEqual(agenda);
  });

  it('notices a changed order as well as changed content', () => {
    expect(agendaChanged(agenda, ['a', 'b', 'c'])).toBe(false);
    expect(agendaChanged(agenda, ['b', 'a', 'c'])).toBe(true);
    expect(agendaChanged(agenda, ['a', 'b'])).toBe(true);
  });

  it('keeps focus on the moved entry, switching direction at either end', () => {
    expect(focusAfterMove(1, 3, -1)).toEqual({ index: 1, direction: 'up' });
    expect(focusAfterMove(0, 3, -1)).toEqual({ index: 0, direction: 'down' });
    expect(focusAfterMove(2, 3, 1)).toEqual({ index: 2, direction: 'up' });
    expect(focusAfterMove(1, 3, 1)).toEqual({ index: 1, direction: 'down' });
  });
});
