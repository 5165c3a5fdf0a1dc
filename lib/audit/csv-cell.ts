/**
 * A leading tab or carriage return, which some spreadsheets drop before reading a formula.
 * Formula characters themselves are caught by FORMULA_AT_CELL_START.
 */
const BLANK_BEFORE_FORMULA = /^[\t\r]/;

/**
 * Where a spreadsheet may start a cell with a formula (= + - @): at the start of the field or, in a
 * spreadsheet that splits this comma-separated file on `;` or tab (many locales do), right after a
 * `;`, tab or line break inside it. Such a spreadsheet starts its cells mid-field, where our quotes
 * no longer count, so quoting cannot protect them: quotes in between are skipped too.
 */
const FORMULA_AT_CELL_START = /(?<=^"*|[;\t\r\n]"*)(?=[=+\-@])/g;

/** The text with an apostrophe wherever a spreadsheet could read it as a formula: it then shows as text. */
export function neutraliseFormulas(text: string): string {
  const withoutLeadingBlank = BLANK_BEFORE_FORMULA.test(text) ? `'${text}` : text;
  return withoutLeadingBlank.replace(FORMULA_AT_CELL_START, "'");
}

/**
 * One CSV cell: RFC 4180 quoting, also around a `;` or tab so that a spreadsheet splitting on them
 * and honouring quotes keeps the field whole; formulas neutralised first.
 */
export function csvCell(value: string | null | undefined): string {
  const text = neutraliseFormulas(value ?? '');
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
