// Rejected rows and warnings of a run: collected while reading, written in the run's transaction (so a
// failed run leaves no half report), and counted by reason for the report.

import type { PoolClient } from 'pg';
import { describeProblems, type RowProblem } from './customer-rows.js';

export interface RowIssue { severity: 'error' | 'warning'; line: number; problems: RowProblem[]; message: string; cells: string[] }

/** Warnings are counted in full but stored only up to this many: a file can warn on every row. */
export const MAX_STORED_WARNINGS = 10_000;

export class IssueCollector {
  readonly issues: RowIssue[] = [];
  readonly rejectedBy: Record<string, number> = {};
  readonly warningsBy: Record<string, number> = {};
  rejected = 0;
  warned = 0;
  private storedWarnings = 0;

  reject(line: number, problems: RowProblem[], cells: string[]): void {
    this.rejected++;
    for (const reason of new Set(problems.map((p) => p.reason))) this.rejectedBy[reason] = (this.rejectedBy[reason] ?? 0) + 1;
    this.issues.push({ severity: 'error', line, problems, message: describeProblems(problems), cells });
  }

  warn(line: number, problems: RowProblem[], cells: string[]): void {
    if (problems.length === 0) return;
    this.warned++;
    for (const reason of new Set(problems.map((p) => p.reason))) this.warningsBy[reason] = (this.warningsBy[reason] ?? 0) + 1;
    if (this.storedWarnings >= MAX_STORED_WARNINGS) return;
    this.storedWarnings++;
    this.issues.push({ severity: 'warning', line, problems, message: describeProblems(problems), cells });
  }
}

export async function writeIssues(client: PoolClient, organizationId: string, sessionId: string, issues: readonly RowIssue[]): Promise<void> {
  for (let i = 0; i < issues.length; i += 5000) {
    const batch = issues.slice(i, i + 5000);
    await client.query(`
      INSERT INTO import_row_issues (session_id, organization_id, severity, line, problems, message, cells)
      SELECT $1, $2, x.severity, x.line, x.problems, x.message, ARRAY(SELECT e FROM jsonb_array_elements_text(x.cells) WITH ORDINALITY AS t(e, n) ORDER BY n)
      FROM jsonb_to_recordset($3::jsonb) AS x(severity text, line int, problems jsonb, message text, cells jsonb)
      ON CONFLICT (session_id, severity, line) DO NOTHING`, [sessionId, organizationId, JSON.stringify(batch)]);
  }
}
