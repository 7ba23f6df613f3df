/**
 * The size and shape of a report, checked in one linear pass before it is parsed. Each
 * limit stands between a hostile input and a step whose cost grows with it:
 * - nesting (blockquotes, list items): `marked` recurses once per level and re-reads each
 *   level's content, so depth costs stack and time (1M `>` overflow the stack);
 * - fenced code blocks: each one may be a script to check;
 * - table cells: `marked` pads every row to the header's width (columns x rows objects);
 * - lines of one list item: `marked` reads a list item in time quadratic in its lines.
 * A real report is far inside every limit: nesting of 3 or 4, a few dozen code blocks,
 * tables of a few columns.
 */
import { UserInputError } from '../../errors.js';
import { grouped } from '../../numbers.js';

export const REPORT_LIMITS = {
  /**
   * Characters of Markdown (the validate_report tool's own input limit): 16 times a full
   * report with its scripts (test/golden), and small enough that no step of the check holds
   * the server's thread for long.
   */
  chars: 300_000,
  lines: 100_000,
  /** Blockquote and list levels on one line. */
  nesting: 64,
  /** Lines of one list item (its continuation lines, lazy or indented). */
  listItemLines: 100,
  /** Fenced code blocks. */
  codeBlocks: 500,
  /** Columns of one table. */
  tableColumns: 64,
  /** Cells of all tables together (columns x rows). */
  tableCells: 100_000,
} as const;

/** A report too large, or shaped so that reading it would cost far more than its size. */
export class ReportShapeError extends UserInputError {}

const SPACE = 32;
const TAB = 9;
const GT = 62;

/** A list marker at `i` ("- ", "* ", "+ ", "1. ", "12) "): the index after it, or -1. */
function listMarkerEnd(line: string, i: number): number {
  const c = line.charCodeAt(i);
  let j = i;
  if (c === 45 || c === 42 || c === 43) j = i + 1;
  else {
    while (j < line.length && j - i < 10 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    if (j === i || (line.charCodeAt(j) !== 46 && line.charCodeAt(j) !== 41)) return -1;
    j++;
  }
  const next = line.charCodeAt(j);
  return j === line.length || next === SPACE || next === TAB ? j : -1;
}

interface Prefix {
  /** Upper bound of the containers open on this line, when it opens one itself; else 0. */
  depth: number;
  /** Index of the first character after the container prefix. */
  end: number;
  /** The line opens a list item. */
  item: boolean;
  /** Columns of indentation before the first marker. */
  indent: number;
}

/**
 * The container prefix of a line (indentation, `>`, list markers). Every container is opened
 * by a marker, and a list level continued by indentation takes at least two columns, so a
 * line holding a marker is nested at most (markers + columns / 2) deep.
 */
function prefixOf(line: string): Prefix {
  let markers = 0;
  let columns = 0;
  let item = false;
  let indent = -1;
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === SPACE) {
      columns++;
      i++;
    } else if (c === TAB) {
      columns += 4;
      i++;
    } else if (c === GT) {
      if (indent < 0) indent = columns;
      markers++;
      i++;
    } else {
      const end = listMarkerEnd(line, i);
      if (end < 0) break;
      if (indent < 0) indent = columns;
      markers++;
      item = true;
      i = end;
    }
    // The one space that ends a marker ("> ", "- ") is part of it, not indentation.
    if (c !== SPACE && c !== TAB && line.charCodeAt(i) === SPACE) i++;
  }
  return { depth: markers === 0 ? 0 : markers + Math.ceil(columns / 2), end: i, item, indent: indent < 0 ? columns : indent };
}

/** A fence line ("```js", "~~~"): its character and length, or undefined. */
function fenceOf(line: string, from: number): { char: number; length: number } | undefined {
  const c = line.charCodeAt(from);
  if (c !== 96 && c !== 126) return undefined;
  let j = from;
  while (line.charCodeAt(j) === c) j++;
  return j - from >= 3 ? { char: c, length: j - from } : undefined;
}

/** Columns of a GFM delimiter row ("|---|:--:|"), or 0 when the line is not one. */
function delimiterColumns(line: string, from: number): number {
  let columns = 0;
  let dashes = false;
  let any = false;
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 45) {
      dashes = true;
      any = true;
    } else if (c === 124) {
      if (dashes) columns++;
      dashes = false;
    } else if (c !== 58 && c !== SPACE && c !== TAB) return 0;
  }
  if (dashes) columns++;
  return any ? columns : 0;
}

const plural = (n: number, word: string) => `${grouped(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * Throws a ReportShapeError naming the first limit `markdown` exceeds (and its line).
 * One pass over the text; fenced code is skipped for nesting and tables.
 */
export function checkReportShape(markdown: string): void {
  const L = REPORT_LIMITS;
  if (markdown.length > L.chars) {
    throw new ReportShapeError(
      `the report has ${plural(markdown.length, 'character')}; at most ${plural(L.chars, 'character')} are validated: validate it in parts (e.g. one phase at a time)`,
    );
  }
  let fences = 0;
  let open: { char: number; length: number } | undefined;
  let cells = 0;
  let tableColumns = 0;
  let lineNo = 0;
  /** The line of the list item being read (0 outside a list), and whether the last line was blank. */
  let itemLine = 0;
  let blankBefore = false;
  let start = 0;
  while (start <= markdown.length) {
    let end = markdown.indexOf('\n', start);
    if (end < 0) end = markdown.length;
    const line = markdown.slice(start, end);
    lineNo++;
    if (lineNo > L.lines) {
      throw new ReportShapeError(`the report has more than ${plural(L.lines, 'line')}: validate it in parts (e.g. one phase at a time)`);
    }
    const prefix = prefixOf(line);
    const blank = line.trim() === '';
    if (prefix.item) itemLine = lineNo;
    else if (itemLine > 0 && !blank && blankBefore && prefix.indent === 0) itemLine = 0;
    else if (itemLine > 0 && lineNo - itemLine > L.listItemLines) {
      throw new ReportShapeError(
        `line ${lineNo}: the list item of line ${itemLine} runs over ${L.listItemLines} lines; at most ${L.listItemLines} are read: leave a blank line between the list and the text after it, or move long code out of the list`,
      );
    }
    blankBefore = blank;
    const fence = fenceOf(line, prefix.end);
    if (open) {
      if (fence && fence.char === open.char && fence.length >= open.length && line.slice(prefix.end + fence.length).trim() === '') open = undefined;
    } else if (fence) {
      fences++;
      if (fences > L.codeBlocks) {
        throw new ReportShapeError(
          `line ${lineNo}: the report has more than ${plural(L.codeBlocks, 'fenced code block')}; a report needs a few (load-test scripts, before/after code): remove the others`,
        );
      }
      // Only a fence at the top level is followed: a fence in a container may close with it.
      if (prefix.depth === 0 && (fence.char !== 96 || !line.slice(prefix.end + fence.length).includes('`'))) open = fence;
    } else {
      if (prefix.depth > L.nesting) {
        throw new ReportShapeError(
          `line ${lineNo}: blockquotes or lists are nested up to ${prefix.depth} levels deep; at most ${L.nesting} are read: flatten the nesting`,
        );
      }
      const columns = line.trim() === '' ? 0 : delimiterColumns(line, prefix.end);
      if (columns > L.tableColumns) {
        throw new ReportShapeError(`line ${lineNo}: a table has ${columns} columns; at most ${L.tableColumns} are read: split the table`);
      }
      if (columns > 0) tableColumns = columns;
      if (line.trim() === '') tableColumns = 0;
      cells += tableColumns;
      if (cells > L.tableCells) {
        throw new ReportShapeError(
          `line ${lineNo}: the report's tables have more than ${plural(L.tableCells, 'cell')} (columns x rows): shorten or split the tables`,
        );
      }
    }
    start = end + 1;
  }
}
