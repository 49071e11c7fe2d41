import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles, wordsOf } from "./source-graph.js";

const files = sourceFiles();

/** The platforms: one folder each under src/channels/. */
const PLATFORMS = readdirSync(join(ROOT, "src/channels"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * Where a platform may be named, besides its own folder and its emulator: the registry (the one
 * list of platforms) and the configuration (its environment variables carry the platform's name).
 */
const SHARED_NAMERS = ["src/channels/registry.ts", "src/config.ts"];

/**
 * The platforms a file names in code: in an identifier (property names included) or an import
 * path, case aside. Comments and string values (a member's stored channel, a log line) are not
 * counted: they are data, not a dependency.
 */
function platformsNamedIn(file: string): string[] {
  const { imports, identifiers } = wordsOf(file);
  const words = [...imports, ...identifiers].map((word) => word.toLowerCase());
  return PLATFORMS.filter((platform) => {
    if (file.startsWith(`src/channels/${platform}/`)) return false;
    if (file.startsWith(`src/testing/${platform}/`)) return false;
    return words.some((word) => word.includes(platform));
  });
}

describe("the import graph", () => {
  it("finds the platforms and the files to check", () => {
    expect(PLATFORMS).toEqual(expect.arrayContaining(["telegram", "zalo"]));
    expect(files).toContain("src/dialog/engine.ts");
  });

  it("keeps the dialog engine free of features and channels", () => {
    const offending = files
      .filter((file) => file.startsWith("src/dialog/"))
      .flatMap((file) =>
        wordsOf(file)
          .imports.filter((path) => /^src\/(features|channels)\//.test(path))
          .map((path) => `${file} imports ${path}`),
      );
    expect(offending).toEqual([]);
  });

  it("names a platform only in its own folder, its emulator, the registry and the config", () => {
    const naming = files
      .filter((file) => !SHARED_NAMERS.includes(file))
      .filter((file) => platformsNamedIn(file).length > 0);
    expect(naming).toEqual([]);
  });
});
