// Ids are UUIDv7: time-ordered, so B-tree inserts stay local and ids sort by creation.
// Tests inject a deterministic generator.
import { v7 as uuidv7 } from 'uuid';

export interface IdGenerator {
  next(): string;
}

export const uuidV7Ids: IdGenerator = { next: () => uuidv7() };

/** Deterministic, still valid and time-ordered UUIDv7-shaped ids for tests: 00000000-0000-7000-8000-000000000001, … */
export function sequentialIds(start = 1): IdGenerator {
  let n = start;
  return {
    next: () => {
      const hex = (n++).toString(16).padStart(12, '0');
      return `00000000-0000-7000-8000-${hex}`;
    },
  };
}
