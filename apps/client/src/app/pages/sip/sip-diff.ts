import type {
  SipGoalDto,
  SipListDiffDto,
  SipMeasureDto,
  SipNeedDto,
  SipPlanDiffDto,
  SipRef,
} from '@samsyn/common';

export type DiffSection = 'needs' | 'goals' | 'measures' | 'leadPrincipal' | 'followUpDate';
export type DiffChange = 'added' | 'removed' | 'changed';

/** One field of a changed item: raw values, the page names and formats them. */
export interface DiffField {
  field: string;
  before: string | null;
  after: string | null;
}

/** One line of "what changed since the previous version". */
export interface DiffRow {
  section: DiffSection;
  change: DiffChange;
  /** What the item is called (its text or description), after the change when it changed. */
  title: string;
  /** For changed items: the fields that differ. */
  fields: DiffField[];
}

type Item = SipNeedDto | SipGoalDto | SipMeasureDto;

const refName = (ref: SipRef | null): string | null => ref?.name ?? null;

/** A measure's comparable fields as text (organisation and unit by name). */
function measureFields(m: SipMeasureDto): Record<string, string | null> {
  return {
    description: m.description,
    responsibleKind: m.responsibleKind,
    organisation: refName(m.organisation),
    unit: refName(m.unit),
    actorName: m.actorName,
    startDate: m.startDate,
    endDate: m.endDate,
    status: m.status,
  };
}

function itemFields(item: Item): Record<string, string | null> {
  if ('description' in item) return measureFields(item);
  if ('ownWords' in item) return { text: item.text, ownWords: String(item.ownWords) };
  return { text: item.text };
}

const titleOf = (item: Item): string => ('description' in item ? item.description : item.text);

/** The fields whose values differ between two versions of one item, in a fixed order. */
export function changedFields(before: Item, after: Item): DiffField[] {
  const a = itemFields(before);
  const b = itemFields(after);
  return Object.keys(b)
    .filter((field) => a[field] !== b[field])
    .map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }));
}

function listRows<T extends Item>(section: DiffSection, diff: SipListDiffDto<T>): DiffRow[] {
  return [
    ...diff.added.map((item) => ({
      section,
      change: 'added' as const,
      title: titleOf(item),
      fields: [],
    })),
    ...diff.removed.map((item) => ({
      section,
      change: 'removed' as const,
      title: titleOf(item),
      fields: [],
    })),
    ...diff.changed
      .map((c) => ({
        section,
        change: 'changed' as const,
        title: titleOf(c.after),
        fields: changedFields(c.before, c.after),
      }))
      .filter((row) => row.fields.length > 0),
  ];
}

/**
 * The diff as rows for a table: needs, goals and measures added, removed and changed (with the
 * fields that changed), then huvudansvar and the follow-up date. Empty when nothing changed.
 */
export function diffRows(diff: SipPlanDiffDto): DiffRow[] {
  const rows = [
    ...listRows('needs', diff.needs),
    ...listRows('goals', diff.goals),
    ...listRows('measures', diff.measures),
  ];
  if (diff.leadPrincipal) {
    const { before, after } = diff.leadPrincipal;
    rows.push({
      section: 'leadPrincipal',
      change: 'changed',
      title: refName(after) ?? refName(before) ?? '',
      fields: [{ field: 'leadPrincipal', before: refName(before), after: refName(after) }],
    });
  }
  if (diff.followUpDate) {
    const { before, after } = diff.followUpDate;
    rows.push({
      section: 'followUpDate',
      change: 'changed',
      title: after ?? before ?? '',
      fields: [{ field: 'followUpDate', before, after }],
    });
  }
  return rows;
}
