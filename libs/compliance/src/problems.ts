/** At most this many problems are returned; `problemCount` still counts every one. */
export const MAX_REPORTED_PROBLEMS = 200;

/**
 * Something in the file a person should look at. `line` is the row as a spreadsheet numbers it
 * (the header is line 1; the same as the text line unless a quoted field spans lines); 0 means the
 * file as a whole. `field` is the column as the header spells it ('' for the whole row or file).
 * `rowSkipped`: the row was left out of the candidate list (otherwise it was read, e.g. an unknown
 * party counted as `other`).
 */
export interface ImportProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
  readonly rowSkipped: boolean;
}

/** Collects row problems, keeping the first MAX_REPORTED_PROBLEMS so a bad file cannot flood memory. */
export class ProblemLog {
  private readonly kept: ImportProblem[] = [];
  private total = 0;

  add(problem: ImportProblem): void {
    this.total++;
    if (this.kept.length < MAX_REPORTED_PROBLEMS) {
      this.kept.push(problem);
    }
  }

  /**
   * Every problem counted, and the ones returned: `first` (the per-file summaries, which matter
   * most) ahead of the row problems, cut to MAX_REPORTED_PROBLEMS, then in file order.
   */
  result(first: readonly ImportProblem[]): { problems: ImportProblem[]; problemCount: number } {
    const problems = [...first, ...this.kept]
      .slice(0, MAX_REPORTED_PROBLEMS)
      .sort((a, b) => a.line - b.line);
    return { problems, problemCount: this.total + first.length };
  }
}

/**
 * Problems that repeat on many rows (an unknown party on 300 rows) are reported once, on the line
 * where they first occur, with the number of rows.
 */
export class RepeatedProblems {
  private readonly byKey = new Map<string, { line: number; field: string; rows: number }>();

  note(key: string, line: number, field: string): void {
    const seen = this.byKey.get(key);
    if (seen) {
      seen.rows++;
    } else {
      this.byKey.set(key, { line, field, rows: 1 });
    }
  }

  /** One problem per key, worded by `message(key, rows)`. */
  problems(message: (key: string, rows: number) => string, rowSkipped = false): ImportProblem[] {
    return [...this.byKey].map(([key, { line, field, rows }]) => ({
      line,
      field,
      message: message(key, rows),
      rowSkipped,
    }));
  }
}
