// Escape sequences a submission's output may carry: colours, cursor moves, window titles (OSC).
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g;
const OTHER_ESCAPE = /\x1b[@-Z\\-_]?/g;
// Every other C0 and C1 control except tab and line feed.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Text from a submission made safe to print: build and program output may recolour the student's
 * terminal, move its cursor or redraw progress bars with carriage returns. Line breaks and tabs stay.
 */
export function plainText(value: string): string {
  return value.replace(/\r\n/g, "\n").replace(/\r/g, "\n").replace(OSC, "").replace(CSI, "").replace(OTHER_ESCAPE, "").replace(CONTROL, "");
}
