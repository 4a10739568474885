import { LabelError } from '../errors/label-error';

/** How many problems were found but not listed, by severity. */
export interface UnlistedProblems {
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Collects the problems of one label CSV, listing at most `max` of them (with `strict`,
 * warnings become errors) and counting the rest: a CSV with a systematic problem on every
 * one of 100 000 rows must not build 500 000 error objects.
 */
export class ProblemList {
  private readonly listed: LabelError[] = [];
  private unlistedErrors = 0;
  private unlistedWarnings = 0;

  constructor(
    private readonly max: number,
    private readonly strict: boolean,
  ) {}

  /** Lists a problem, or counts it when `max` are listed already. */
  add(problem: LabelError): void {
    const located = this.strict ? problem.withSeverity('error') : problem;
    if (this.listed.length < this.max) this.listed.push(located);
    else if (located.severity === 'error') this.unlistedErrors += 1;
    else this.unlistedWarnings += 1;
  }

  /**
   * The listed problems located in `file`, in line order, and, when some were not listed, a
   * last `too-many-problems` one (an error when any unlisted one is) with their counts.
   */
  finish(file: string | undefined): {
    problems: LabelError[];
    unlisted: UnlistedProblems | undefined;
  } {
    const problems = this.listed
      .map((problem) => problem.inFile(file))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const errors = this.unlistedErrors;
    const warnings = this.unlistedWarnings;
    if (errors + warnings === 0) return { problems, unlisted: undefined };
    problems.push(
      new LabelError({
        code: 'too-many-problems',
        severity: errors > 0 ? 'error' : 'warning',
        file,
        message: `a label CSV lists at most ${this.max} problems; ${errors + warnings} more were found (${errors} errors, ${warnings} warnings): fix those listed and check again`,
      }),
    );
    return { problems, unlisted: { errors, warnings } };
  }
}
