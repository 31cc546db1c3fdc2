/** A chart's text alternative: the same numbers as a table (rendered visually hidden). */
export interface DataTable {
  caption: string;
  columns: string[];
  rows: string[][];
}
