import type { LintRule, LintRuleDefinition } from "./lint-rule.ts";
import { aptListsRule, installRecommendsRule } from "./rules/apt-rules.ts";
import { copyIgnoredFileRule } from "./rules/buildkit-copy-ignored-rule.ts";
import { exposeInvalidFormatRule, exposeProtoCasingRule } from "./rules/buildkit-expose-rules.ts";
import {
  consistentCasingRule,
  emptyContinuationRule,
  legacyKeyValueRule,
  maintainerDeprecatedRule,
  multipleInstructionsRule,
} from "./rules/buildkit-form-rules.ts";
import { constPlatformRule, invalidDefaultArgInFromRule, redundantTargetPlatformRule, undefinedArgInFromRule } from "./rules/buildkit-from-rules.ts";
import { duplicateStageNameRule, fromAsCasingRule, reservedStageNameRule, stageNameCasingRule } from "./rules/buildkit-stage-rules.ts";
import { undefinedVarRule } from "./rules/buildkit-var-rules.ts";
import { latestBaseRule, unpinnedSyntaxRule, untaggedBaseRule } from "./rules/base-image-rules.ts";
import { missingHealthcheckRule, rootUserRule } from "./rules/final-stage-rules.ts";
import { absoluteWorkdirRule, addForLocalFilesRule, execFormRule } from "./rules/instruction-rules.ts";
import { invalidCheckDirectiveRule, unknownCheckNameRule, unknownPragmaCodeRule } from "./rules/pragma-rules.ts";
import { changedProvidedRule, untouchedProvidedRule } from "./rules/provided-rules.ts";
import { consecutiveRunsRule, pipefailRule } from "./rules/run-rules.ts";
import { secretInArgOrEnvRule } from "./rules/secret-rules.ts";

/** Every rule that reads a Dockerfile, in id order. */
export const LINT_RULES: readonly LintRule[] = [
  untaggedBaseRule,
  latestBaseRule,
  unpinnedSyntaxRule,
  aptListsRule,
  installRecommendsRule,
  addForLocalFilesRule,
  execFormRule,
  absoluteWorkdirRule,
  consecutiveRunsRule,
  pipefailRule,
  rootUserRule,
  missingHealthcheckRule,
  secretInArgOrEnvRule,
  unknownPragmaCodeRule(() => LINT_RULE_DEFINITIONS),
  changedProvidedRule,
  invalidCheckDirectiveRule,
  unknownCheckNameRule,
  stageNameCasingRule,
  fromAsCasingRule,
  duplicateStageNameRule,
  reservedStageNameRule,
  maintainerDeprecatedRule,
  multipleInstructionsRule,
  legacyKeyValueRule,
  emptyContinuationRule,
  consistentCasingRule,
  undefinedArgInFromRule,
  invalidDefaultArgInFromRule,
  redundantTargetPlatformRule,
  constPlatformRule,
  undefinedVarRule,
  exposeProtoCasingRule,
  exposeInvalidFormatRule,
  copyIgnoredFileRule,
];

/**
 * Every rule a lint finding may name, in id order: the order SARIF lists them in, and what
 * `# dockgrade ignore=` may name. DG3091 reads no Dockerfile: it names the note left for a
 * provided one the lint does not read.
 */
export const LINT_RULE_DEFINITIONS: readonly LintRuleDefinition[] = [...LINT_RULES, untouchedProvidedRule].sort((a, b) => a.id.localeCompare(b.id));
