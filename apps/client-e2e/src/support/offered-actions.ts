import type { Page } from 'playwright-core';
import { api } from './browser';

/**
 * Issue 15: the client must not offer what the server refuses. Every control that offers an
 * action carries `data-action="<action>"` (a `CaseAction` value, e.g. `case.update`) and, for an
 * action on one record, `data-action-id="<record id>"`. The API lists what the caller may do with
 * each resource (`allowedActions` on the case, on each consent record, on each emergency grant of
 * the review list, on SIP meetings, plan versions and invitations, on Trygga hem cases and their
 * records, groups, meetings, agenda items and actions; a 403 on a case names it in
 * `details.allowedActions`). Every comparison is per record: a control with `data-action-id` is
 * allowed only when that record's own list has its action, one without only when the page's
 * resource has it.
 *
 * `offeredActionsRefused(page, ctx)` compares the two for the page on screen: it collects the
 * visible `[data-action]` controls, asks the API as the signed-in user (in-page fetch with the
 * session cookie and CSRF header) what it allows for the page's resource, and returns the offered
 * actions the server does not allow — `action` or `action[id]` — so a test asserts `[]`.
 *
 * Call it once the page shows its content (wait for it with `until()` and its siblings first): it
 * reads the page once. An offered action on a page no source knows is reported as refused.
 * Other features add their resources with `registerAllowedActionsSource` (e.g. SIP plans and
 * meetings), or per call through `ctx.sources`.
 */

/** One offered control: its action and, for a per-record action, the record's id. */
export interface OfferedAction {
  action: string;
  id: string | null;
}

/** What the server allows on the page: for the page's resource, and per record id. */
export interface AllowedActions {
  resource: string[];
  records: Map<string, string[]>;
}

/**
 * Answers what the server allows for the page at `path` (location pathname and search), or null
 * when the page is not one of its resources. `offered` lets a source skip requests it needs only
 * for controls that are not there.
 */
export type AllowedActionsSource = (
  page: Page,
  path: { pathname: string; search: string },
  offered: readonly OfferedAction[],
) => Promise<AllowedActions | null>;

export interface OfferedActionsContext {
  /** Sources tried before the registered ones. */
  sources?: readonly AllowedActionsSource[];
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function merge(into: AllowedActions, more: AllowedActions): AllowedActions {
  into.resource.push(...more.resource);
  for (const [id, actions] of more.records)
    into.records.set(id, [...(into.records.get(id) ?? []), ...actions]);
  return into;
}

async function getJson<T>(page: Page, path: string): Promise<{ status: number; body: T }> {
  const res = await api<T>(page, 'GET', path);
  return { status: res.status, body: res.body };
}

/** A case page (`/arenden/:id`, any tab): the case's actions, and its consent records'. */
export const caseSource: AllowedActionsSource = async (page, { pathname }, offered) => {
  const match = new RegExp(`^/arenden/(${UUID})$`).exec(pathname);
  if (!match) return null;
  const caseId = match[1];
  const allowed: AllowedActions = { resource: [], records: new Map() };
  const kase = await getJson<{
    allowedActions?: string[];
    details?: { allowedActions?: string[] };
  }>(page, `/api/v1/cases/${caseId}`);
  if (kase.status === 200) allowed.resource.push(...(kase.body.allowedActions ?? []));
  // Kept out: the 403 says what the caller may do instead (emergency access).
  else allowed.resource.push(...(kase.body.details?.allowedActions ?? []));
  if (kase.status === 200 && offered.some((o) => o.action.startsWith('consent.') && o.id)) {
    const consents = await getJson<{ id: string; allowedActions: string[] }[]>(
      page,
      `/api/v1/cases/${caseId}/consents`,
    );
    if (consents.status === 200)
      for (const c of consents.body) allowed.records.set(c.id, c.allowedActions);
  }
  return allowed;
};

/**
 * The review page (`/granskning`): each emergency grant's actions, reviewed or not, and each case
 * of the accesses outside the caseload (`audit.caseLog` where its log is the reviewer's).
 */
export const reviewSource: AllowedActionsSource = async (page, { pathname }) => {
  if (pathname !== '/granskning') return null;
  const allowed: AllowedActions = { resource: [], records: new Map() };
  for (const reviewed of [false, true]) {
    const res = await getJson<{ items: { id: string; allowedActions: string[] }[] }>(
      page,
      `/api/v1/audit/review/emergency-accesses?reviewed=${reviewed}&pageSize=100`,
    );
    if (res.status === 200)
      for (const item of res.body.items) allowed.records.set(item.id, item.allowedActions);
  }
  const outside = await getJson<{
    items: { caseIds: string[]; caseAllowedActions?: string[][] }[];
  }>(page, '/api/v1/audit/review/outside-caseload?days=366&pageSize=100');
  if (outside.status === 200)
    for (const event of outside.body.items)
      event.caseIds.forEach((id, i) =>
        allowed.records.set(id, event.caseAllowedActions?.[i] ?? []),
      );
  return allowed;
};

/**
 * Every `allowedActions` list in a response: the response's own (the page's resource) and, per
 * record, those of each object with an `id` (meetings, plan versions, invitations, agenda items,
 * actions, notifications, offers …), so a control with `data-action-id` is checked against its
 * own record's list and a control without one against the resource's.
 */
function collectAllowed(value: unknown, prefix: string, into: AllowedActions, root: boolean): void {
  if (Array.isArray(value)) {
    for (const v of value) collectAllowed(v, prefix, into, false);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const list = record['allowedActions'];
  if (Array.isArray(list)) {
    const actions = (list as string[]).map((a) => `${prefix}${a}`);
    if (root) into.resource.push(...actions);
    const id = record['id'];
    if (typeof id === 'string') merge(into, { resource: [], records: new Map([[id, actions]]) });
  }
  for (const [key, v] of Object.entries(record))
    if (key !== 'allowedActions') collectAllowed(v, prefix, into, false);
}

/** What the API allows on the resources behind a page: each response's own list, and per record. */
async function resourcesAllowed(
  page: Page,
  paths: readonly string[],
  prefix = '',
): Promise<AllowedActions> {
  const allowed: AllowedActions = { resource: [], records: new Map() };
  for (const path of paths) {
    const res = await getJson<unknown>(page, path);
    if (res.status === 200) collectAllowed(res.body, prefix, allowed, true);
  }
  return allowed;
}

const offersAny = (offered: readonly OfferedAction[], ...prefixes: string[]) =>
  offered.some((o) => prefixes.some((p) => o.action.startsWith(p)));

/**
 * SIP: the case's SIP tab (the SIP's actions; per meeting), a meeting, a plan version and the SIP
 * inbox (per invitation). `SipAction` values carry no area (`call`); the controls name them
 * `sip.call`.
 */
export const sipSource: AllowedActionsSource = async (page, { pathname }, offered) => {
  if (!offersAny(offered, 'sip.')) return null;
  const onCase = new RegExp(`^/arenden/(${UUID})$`).exec(pathname);
  if (onCase) return resourcesAllowed(page, [`/api/v1/cases/${onCase[1]}/sip`], 'sip.');
  const meeting = new RegExp(`^/sip/moten/(${UUID})$`).exec(pathname);
  if (meeting) return resourcesAllowed(page, [`/api/v1/sip/meetings/${meeting[1]}`], 'sip.');
  const plan = new RegExp(`^/sip/planer/(${UUID})$`).exec(pathname);
  if (plan) return resourcesAllowed(page, [`/api/v1/sip/plans/${plan[1]}`], 'sip.');
  if (pathname === '/sip/inbjudningar')
    return resourcesAllowed(page, ['/api/v1/sip/invitations', '/api/v1/sip/approvals'], 'sip.');
  return null;
};

/** `th.saveSafetyPlan` on the case covers each victim and child it lists (`data-action-id`: the person). */
const SAVE_SAFETY_PLAN = 'th.saveSafetyPlan';

/**
 * Trygga hem: the case's tab (the case's actions; per notification, control measure, incident,
 * offer, action and skyddsplan person), a koordinatorsgrupp, its board and a meeting (per agenda
 * item and action).
 */
export const tryggaHemSource: AllowedActionsSource = async (page, { pathname }, offered) => {
  if (!offersAny(offered, 'th.', 'group.', 'meeting.')) return null;
  const onCase = new RegExp(`^/arenden/(${UUID})$`).exec(pathname);
  if (onCase) {
    const allowed = await resourcesAllowed(page, [
      `/api/v1/trygga-hem/cases/${onCase[1]}/enrolment`,
    ]);
    const kase = await getJson<{ allowedActions: string[]; safetyPlanPersonIds: string[] | null }>(
      page,
      `/api/v1/trygga-hem/cases/${onCase[1]}`,
    );
    if (kase.status === 200) {
      collectAllowed(kase.body, '', allowed, true);
      const save = kase.body.allowedActions.includes(SAVE_SAFETY_PLAN) ? [SAVE_SAFETY_PLAN] : [];
      for (const personId of kase.body.safetyPlanPersonIds ?? [])
        merge(allowed, { resource: [], records: new Map([[personId, save]]) });
    }
    return allowed;
  }
  const meeting = new RegExp(`^/koordinatorsgrupp/mote/(${UUID})$`).exec(pathname);
  if (meeting) return resourcesAllowed(page, [`/api/v1/trygga-hem/meetings/${meeting[1]}`]);
  const group = new RegExp(`^/koordinatorsgrupp/(${UUID})(/tavla)?$`).exec(pathname);
  if (group) return resourcesAllowed(page, [`/api/v1/trygga-hem/groups/${group[1]}`]);
  if (pathname === '/koordinatorsgrupp')
    return resourcesAllowed(page, ['/api/v1/trygga-hem/groups']);
  return null;
};

const REGISTERED: AllowedActionsSource[] = [caseSource, reviewSource, sipSource, tryggaHemSource];

/** Adds a source for other pages or resources (all sources that answer are merged). */
export function registerAllowedActionsSource(source: AllowedActionsSource): void {
  REGISTERED.push(source);
}

/** The visible `[data-action]` controls on the page, in document order. */
export function offeredActions(page: Page): Promise<OfferedAction[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-action]'))
      .filter(
        (el: HTMLElement) =>
          el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
      )
      .map((el) => ({
        action: el.dataset['action'] ?? '',
        id: el.dataset['actionId'] ?? null,
      })),
  );
}

/** The offered actions the server refuses, as `action` or `action[id]`; [] when all are allowed. */
export async function offeredActionsRefused(
  page: Page,
  ctx: OfferedActionsContext = {},
): Promise<string[]> {
  const offered = await offeredActions(page);
  if (!offered.length) return [];
  const url = new URL(page.url());
  const path = { pathname: decodeURI(url.pathname), search: url.search };
  const allowed: AllowedActions = { resource: [], records: new Map() };
  for (const source of [...(ctx.sources ?? []), ...REGISTERED]) {
    const answer = await source(page, path, offered);
    if (answer) merge(allowed, answer);
  }
  return offered
    .filter(({ action, id }) =>
      id === null ? !allowed.resource.includes(action) : !allowed.records.get(id)?.includes(action),
    )
    .map(({ action, id }) => (id === null ? action : `${action}[${id}]`));
}
