// How likely two profiles are the same person, from the evidence the duplicate job found. Each kind of
// evidence is a probability that the pair is one person; independent pieces combine as 1 − Π(1 − p).
// The weights are judgement, written down: a shared document number is near-proof, a shared phone is
// strong (families share a landline), a shared e-mail a little weaker (couples share one), a similar name
// with the same birth date strong when the names are nearly equal.

export type EvidenceKind = 'phone' | 'email' | 'document' | 'name_birth_date';

export interface Evidence { kind: EvidenceKind; similarity?: number }

const WEIGHT: Readonly<Record<Exclude<EvidenceKind, 'name_birth_date'>, number>> = { document: 0.95, phone: 0.7, email: 0.65 };

/** A similar name with the same birth date: 0.6 at the job's similarity threshold, 0.9 for identical names. */
function nameBirthWeight(similarity: number): number {
  const s = Math.min(1, Math.max(0, similarity));
  return 0.6 + 0.3 * Math.min(1, Math.max(0, (s - 0.5) / 0.5));
}

/** The score shown to staff, 0–100. Repeated evidence of one kind counts once (the strongest). */
export function duplicateScore(evidence: readonly Evidence[]): number {
  const best = new Map<EvidenceKind, number>();
  for (const e of evidence) {
    const p = e.kind === 'name_birth_date' ? nameBirthWeight(e.similarity ?? 0.5) : WEIGHT[e.kind];
    best.set(e.kind, Math.max(best.get(e.kind) ?? 0, p));
  }
  let miss = 1;
  for (const p of best.values()) miss *= 1 - p;
  return Math.round((1 - miss) * 100);
}

/** The two ids of a pair in the stored order (customer_a < customer_b), so a pair is found once. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}
