// Merging two profiles into one, field by field, and undoing it. Pure: the service reads both rows,
// asks this file what the survivor becomes, and on undo what to put back.

export const MERGE_FIELDS = [
  'familyName', 'givenNames', 'patronymic', 'familyNameLatin', 'givenNamesLatin', 'companyName', 'gender', 'birthDate',
  'preferredLanguage', 'preferredChannel', 'managerId', 'source', 'notes', 'preferences', 'externalId',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
/** List fields are united rather than chosen. */
export const UNION_FIELDS = ['tags', 'hobbies'] as const;
export type UnionField = (typeof UNION_FIELDS)[number];

export type Side = 'survivor' | 'loser';
export type Profile = Record<MergeField, unknown> & Record<UnionField, string[]>;

export interface MergePlan {
  /** Every merge field with the side it was taken from (defaults filled in). */
  choices: Record<MergeField, Side>;
  /** The survivor's fields that change, with their new values. */
  changes: Partial<Record<MergeField | UnionField, unknown>>;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * What the survivor becomes. A field nobody chose keeps the survivor's value, unless it is empty and the
 * loser has one (a merge should never lose what either profile knew); tags and hobbies are united.
 */
export function planMerge(survivor: Profile, loser: Profile, chosen: Partial<Record<MergeField, Side>>): MergePlan {
  const choices = {} as Record<MergeField, Side>;
  const changes: MergePlan['changes'] = {};
  for (const field of MERGE_FIELDS) {
    const side = chosen[field] ?? (isEmpty(survivor[field]) && !isEmpty(loser[field]) ? 'loser' : 'survivor');
    choices[field] = side;
    if (side === 'loser' && !sameValue(survivor[field], loser[field])) changes[field] = loser[field];
  }
  for (const field of UNION_FIELDS) {
    const united = [...new Set([...survivor[field], ...loser[field]])];
    if (united.length !== survivor[field].length) changes[field] = united;
  }
  return { choices, changes };
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * On undo, each field the merge wrote goes back to what it was before — unless someone has changed it
 * since, in which case the later edit is kept (it was made on purpose, after the merge). Returns the
 * values to write and the fields kept.
 */
export function planUndo(before: Record<string, unknown>, written: Record<string, unknown>, current: Record<string, unknown>): { restore: Record<string, unknown>; keptEdits: string[] } {
  const restore: Record<string, unknown> = {};
  const keptEdits: string[] = [];
  for (const [field, value] of Object.entries(written)) {
    if (sameValue(current[field], value)) restore[field] = before[field] ?? null;
    else keptEdits.push(field);
  }
  return { restore, keptEdits };
}
