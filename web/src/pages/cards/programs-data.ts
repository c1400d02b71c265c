// The organization's programs, for tier names and choices on the card pages.
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client';
import { useLoad, type Loaded } from '../../components/useLoad';
import type { Program } from './program-draft';

export function usePrograms(): Loaded<Program[]> {
  const loader = useCallback(async () => (await unwrap(api.GET('/api/loyalty/programs'))).items, []);
  return useLoad(loader);
}

/** "Gold" for the code "gold" of a card's program; the code itself when the program is unknown. */
export function tierName(programs: readonly Program[] | undefined, programId: string, code: string): string {
  return programs?.find((p) => p.id === programId)?.config.tiers.find((t) => t.code === code)?.name ?? code;
}

export function defaultProgram(programs: readonly Program[] | undefined): Program | undefined {
  const active = programs?.filter((p) => !p.archived) ?? [];
  return active.find((p) => p.isDefault) ?? active[0];
}
