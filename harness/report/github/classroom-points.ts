import type { GradeResult } from "../../kernel/result.ts";
import { machineNumber } from "../machine-number.ts";

/**
 * `Points 7/12`: the text GitHub Classroom reads from the "Autograding Tests" check run to record a grade
 * (github-education-resources/autograding-grading-reporter, src/notify-classroom.js, writes exactly this
 * as the check run's summary and a notice annotation). A refused submission earns 0 of its maximum.
 */
export function classroomPoints(result: GradeResult): string {
  return `Points ${machineNumber(result.score)}/${machineNumber(result.maxScore)}`;
}

/**
 * The same line as a GitHub Actions workflow command, so a step's log yields the notice annotation the
 * reporter would have created. Nothing from the submission goes into it: only two numbers.
 */
export function classroomPointsNotice(result: GradeResult): string {
  return `::notice title=Autograding complete::${classroomPoints(result)}\n`;
}
