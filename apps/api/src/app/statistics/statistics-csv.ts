import {
  INDICATOR_HEADINGS,
  INDICATOR_TITLES,
  type StatisticsDto,
  type StatisticsLang,
  countText,
  indicatorColumnLabel,
  indicatorRowLabel,
  smallCountsNote,
} from '@samsyn/common';

/** One CSV field, quoted where needed and safe from formula injection. */
export function csvCell(value: string): string {
  // Quote what needs it; a leading = + - @ is defused so that a spreadsheet shows it as text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The statistics page as CSV: the same tables with the same suppression ("< 5", "x"), one block
 * per table (its title, a header row, its rows), separated by an empty line. Semicolons, as
 * Excel with Swedish settings reads them; a BOM so that it reads UTF-8; CRLF line ends.
 */
export function statisticsCsv(dto: StatisticsDto, lang: StatisticsLang): string {
  const lines: string[][] = [];
  const headings = INDICATOR_HEADINGS[lang];
  const value = (v: StatisticsDto['tables'][number]['cells'][number][number]) =>
    v === null ? '' : countText(v, lang).text;
  for (const table of dto.tables) {
    lines.push([INDICATOR_TITLES[lang][table.id]]);
    lines.push([
      table.rowKind === 'period' ? headings.period : headings.violenceForm,
      ...table.columns.map((c) => indicatorColumnLabel(c, lang)),
      ...(table.rowTotals ? [headings.total] : []),
    ]);
    table.rows.forEach((row, i) =>
      lines.push([
        indicatorRowLabel(table, row, lang),
        ...table.cells[i].map(value),
        ...(table.rowTotals ? [value(table.rowTotals[i])] : []),
      ]),
    );
    lines.push([]);
  }
  lines.push([smallCountsNote(lang)]);
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
