import { readFileSync } from "node:fs";
import { PROJECT_ROOT } from "../exercise/project-paths.ts";

export const TOOL_VERSION: string = (JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, "utf8")) as { version: string }).version;
