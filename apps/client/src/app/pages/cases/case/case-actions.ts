import { CaseAction } from '@samsyn/common';

/**
 * Whether the server allows the action (issue 15): the API lists, with each case, consent and
 * emergency access, what the caller may do, computed by the policy that enforces it. The client
 * offers an action only when it is listed, and each control that offers one carries
 * `data-action="<action>"` (and `data-action-id` for a per-record action) so the browser tests can
 * check that nothing offered is refused.
 */
export function allows(
  subject: { readonly allowedActions?: readonly CaseAction[] } | null | undefined,
  action: CaseAction,
): boolean {
  return !!subject?.allowedActions?.includes(action);
}

export { CaseAction };
