import { VIOLENCE_FORMS } from '@samsyn/common';
import type { ColumnOptions } from 'typeorm';

/**
 * Forms of violence (issue 15) on a row: `character varying(40)[]`, empty by default, each item
 * one of `ViolenceForm` (checked by the database as well). The API stores each form once, in
 * `VIOLENCE_FORMS` order; statistics count with `unnest("violence_forms")` or `@>`.
 */
export const VIOLENCE_FORMS_COLUMN: ColumnOptions = {
  type: 'varchar',
  length: 40,
  array: true,
  default: '{}',
};

/** The CHECK that every item is a known form (the migration spells out the same list). */
export const VIOLENCE_FORMS_CHECK = `"violence_forms" <@ ARRAY[${VIOLENCE_FORMS.map((f) => `'${f}'`).join(', ')}]::varchar[]`;
