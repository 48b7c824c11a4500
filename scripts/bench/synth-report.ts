/** What a benchmark child reports, and the workload size shared by the parent and the children. */

export const STUDENTS_PER_COHORT = 30;

export interface ChildRun {
  readonly cohorts: number;
  readonly stacks: number;
  /** synthesize() alone. */
  readonly synthMs: number;
  /** From process start to the end of this synthesis: the cold figure for the first run of a process. */
  readonly sinceStartMs: number;
  /** Peak resident memory of the process so far. */
  readonly peakRssMb: number;
}

export interface ChildReport {
  readonly imports: string;
  /** Node bootstrap and the tsx loader, before the first import. */
  readonly startupMs: number;
  /** Loading the app's modules (and, for the baseline, the provider package root). */
  readonly importMs: number;
  readonly runs: readonly ChildRun[];
}
