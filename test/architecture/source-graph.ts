import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

/** The repository's root, where `src/` is. */
export const ROOT = resolve(import.meta.dirname, "../..");

/** Every TypeScript file under `src/`, as a path relative to the root with `/` separators. */
export function sourceFiles(dir = join(ROOT, "src")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [relative(ROOT, path).split("\\").join("/")] : [];
  });
}

/** What one file says in code: the modules it imports (resolved to root paths) and its identifiers. */
export interface FileWords {
  imports: string[];
  identifiers: string[];
}

/**
 * Reads a file with the TypeScript scanner: identifiers (property names included) and the
 * specifiers of `import`/`export … from` and `import()`; comments and other strings are not
 * code that names anything, so they are left out.
 */
export function wordsOf(file: string): FileWords {
  const text = readFileSync(join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  const identifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      imports.push(resolveSpecifier(file, node.moduleSpecifier.text));
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      imports.push(resolveSpecifier(file, node.arguments[0].text));
    } else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      identifiers.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, identifiers };
}

function resolveSpecifier(file: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return relative(ROOT, resolve(ROOT, file, "..", specifier))
    .split("\\")
    .join("/")
    .replace(/\.js$/, ".ts");
}
