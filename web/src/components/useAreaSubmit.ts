// useSubmit for an area with its own error codes: the message for the whole form is looked up in the
// area's namespace first (`<ns>:errors.<code>`), then in the shell's.
import { useAreaError } from './useAreaError';
import { useSubmit, type SubmitState } from './useSubmit';

export function useAreaSubmit(ns: string, fields: readonly string[]): SubmitState {
  return useSubmit(fields, { error: useAreaError(ns) });
}
