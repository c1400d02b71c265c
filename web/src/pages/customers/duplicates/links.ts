// Addresses of the merge pages.
export function mergeHref(survivorId: string, loserId: string, proposalId?: string): string {
  const params = new URLSearchParams({ survivor: survivorId, loser: loserId });
  if (proposalId) params.set('proposal', proposalId);
  return `/customers/merge?${params.toString()}`;
}
