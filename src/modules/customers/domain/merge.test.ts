import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MERGE_FIELDS, planMerge, planUndo, type Profile } from './merge.js';

const profile = (over: Partial<Profile>): Profile => ({ ...Object.fromEntries(MERGE_FIELDS.map((f) => [f, null])), tags: [], hobbies: [], ...over }) as Profile;

describe('merge plan', () => {
  it('keeps the survivor’s fields, fills its gaps from the loser, obeys choices, unites tags', () => {
    const survivor = profile({ familyName: 'Иванова', givenNames: 'Анна', birthDate: null, tags: ['vip'] });
    const loser = profile({ familyName: 'Ivanova', givenNames: 'Anna', birthDate: '1985-04-12', notes: 'likes tea', tags: ['vip', 'salon'] });
    const plan = planMerge(survivor, loser, { givenNames: 'loser' });
    expect(plan.choices).toMatchObject({ familyName: 'survivor', givenNames: 'loser', birthDate: 'loser', notes: 'loser', patronymic: 'survivor' });
    expect(plan.changes).toEqual({ givenNames: 'Anna', birthDate: '1985-04-12', notes: 'likes tea', tags: ['vip', 'salon'] });
  });

  it('undo puts back what the merge wrote, and keeps later edits', () => {
    const before = { family_name: 'A', notes: null, tags: ['x'] };
    const written = { notes: 'from loser', tags: ['x', 'y'] };
    expect(planUndo(before, written, { family_name: 'A', notes: 'from loser', tags: ['x', 'y'] })).toEqual({ restore: { notes: null, tags: ['x'] }, keptEdits: [] });
    expect(planUndo(before, written, { family_name: 'A', notes: 'edited later', tags: ['x', 'y'] })).toEqual({ restore: { tags: ['x'] }, keptEdits: ['notes'] });
  });

  it('merge then undo restores the survivor exactly when nothing was edited in between', () => {
    const value = fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null });
    const arb = fc.record(Object.fromEntries(MERGE_FIELDS.map((f) => [f, value])) as Record<string, typeof value>);
    fc.assert(fc.property(arb, arb, fc.array(fc.constantFrom(...MERGE_FIELDS)), (s, l, loserFields) => {
      const survivor = profile(s as Partial<Profile>);
      const loser = profile(l as Partial<Profile>);
      const plan = planMerge(survivor, loser, Object.fromEntries(loserFields.map((f) => [f, 'loser'])));
      const after = { ...survivor, ...plan.changes } as Record<string, unknown>;
      const { restore, keptEdits } = planUndo(survivor as unknown as Record<string, unknown>, plan.changes, after);
      expect(keptEdits).toEqual([]);
      expect({ ...after, ...restore }).toEqual(survivor);
    }));
  });
});
