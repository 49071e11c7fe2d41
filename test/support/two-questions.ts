import type { Option } from "../../src/dialog/flow.js";
import type { Flow } from "../../src/features/member-dialogs.js";

// Labels from shipped locale keys, so the tests need no strings of their own.
const OPTIONS: Option[] = [
  { value: "vi", label: { key: "common:lang.vi" } },
  { value: "en", label: { key: "common:lang.en" } },
  { value: "help", label: { key: "common:help.helpButton" } },
];

/**
 * A dialog of two questions: pick several (Tiếng Việt, English, Hướng dẫn), then pick one; the
 * finish shows the answers as JSON.
 */
export const twoQuestions: Flow<unknown> = {
  id: "two-questions",
  restart: { key: "common:help.report" },
  load: async () => undefined,
  steps: () => [
    {
      id: "several",
      prompt: [{ key: "common:lang.ask" }],
      input: { kind: "multi-choice", options: OPTIONS },
      next: () => "one",
    },
    {
      id: "one",
      prompt: [{ key: "common:lang.ask" }],
      input: { kind: "choice", options: OPTIONS },
      next: () => ({ end: "finish" }),
    },
  ],
  route: () => "several",
  finish: async (env) => ({ kind: "done", message: { text: JSON.stringify(env.answers) } }),
};
